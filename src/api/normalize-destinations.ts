// `destinations`: queue entries (with their responding and non-responding agents, callbacks) and
// agent segments that sit at top level (direct to agent, e.g. after a supervisor reassigned it).

import type {
  AgentSegment,
  ConsultingAgent,
  Destination,
  NonRespondingAgent,
  Person,
  QueueVisit,
} from './conversation'
import {
  isObj,
  keyOf,
  kindOf,
  type Obj,
  readArray,
  readBool,
  readNotes,
  readNumber,
  readText,
  readTime,
  textOf,
  wrongType,
} from './normalize-readers'

/** What the readers share while walking one record. */
export type Ctx = { w: string[]; offset: number }

function readPerson(o: Obj, at: string, w: string[]): Person {
  return {
    agentId: readText(o, 'agentId', at, w),
    name: readText(o, 'name', at, w),
    email: readText(o, 'email', at, w),
  }
}

const NO_TIMES = { startTime: null, endTime: null, durationSec: null, assignedAt: null } as const

/**
 * Whether a consulting party's name is a phone number: only digits, spaces, `+`, `-`, `.` and
 * parentheses, with at least 6 digits ("+91955...", "(555) 010-0199"). A person's name is not one.
 */
export function isPhoneLike(name: string | null): boolean {
  if (name === null || !/^[\d\s+\-().]+$/.test(name)) return false
  let digits = 0
  for (const ch of name) if (ch >= '0' && ch <= '9') digits++
  return digits >= 6
}

// Consulting agents may be external phone numbers: then there is no agentId and the number stands in
// for the name ("+91955..."). A consultant with no agentId whose name is not a number is a SmartAssist
// agent the record did not identify, not an external party.
function readConsulting(v: unknown, path: string, ctx: Ctx): ConsultingAgent {
  const { w, offset } = ctx
  if (!isObj(v)) {
    wrongType(w, path, 'an object', v)
    // a bare "+91955..." still names who was consulted; its warning is already counted
    const name = textOf(v, path, [])
    return { agentId: null, name, email: null, external: isPhoneLike(name), isMerged: null, ...NO_TIMES }
  }
  const at = `${path}.`
  const person = readPerson(v, at, w)
  const startTime = readTime(v, keyOf(v, 'consultingStartTime', 'acceptedTime'), at, w, offset)
  const endTime = readTime(v, 'consultingEndTime', at, w, offset)
  // no documented duration field: derived from the two ends unless the record carries one
  const durationSec =
    readNumber(v, 'consultingDuration', at, w) ??
    (startTime !== null && endTime !== null ? (endTime - startTime) / 1000 : null)
  return {
    agentId: person.agentId,
    name: person.name,
    email: person.email,
    external: person.agentId === null && isPhoneLike(person.name),
    isMerged: readBool(v, 'isMerged', at, w),
    startTime,
    endTime,
    durationSec,
    assignedAt: readTime(v, 'assignedAt', at, w, offset),
  }
}

function readJoined(v: unknown, path: string, w: string[]): Person {
  if (isObj(v)) {
    const at = `${path}.`
    const agentId = readText(v, 'agentId', at, w) ?? readText(v, 'userId', at, w)
    return { agentId, name: readText(v, 'name', at, w), email: readText(v, 'email', at, w) }
  }
  wrongType(w, path, 'an object', v)
  return { agentId: null, name: textOf(v, path, []), email: null }
}

export function readAgentSegment(o: Obj, at: string, ctx: Ctx): AgentSegment {
  const { w, offset } = ctx
  const consultingKey = keyOf(o, 'ConsultingAgents', 'consultingAgents')
  const consultingList = readArray(o, consultingKey, at, w)
  const consultingAgents: ConsultingAgent[] = []
  for (let i = 0; i < consultingList.length; i++)
    consultingAgents.push(readConsulting(consultingList[i], `${at}${consultingKey}[${i}]`, ctx))
  const joinedKey = keyOf(o, 'JoinedUsers', 'joinedUsers')
  const joinedList = readArray(o, joinedKey, at, w)
  const joinedUsers: Person[] = []
  for (let i = 0; i < joinedList.length; i++)
    joinedUsers.push(readJoined(joinedList[i], `${at}${joinedKey}[${i}]`, w))
  // spelled out rather than spread: object spread is a slow path in this hot loop
  return {
    agentId: readText(o, 'agentId', at, w),
    name: readText(o, 'name', at, w),
    email: readText(o, 'email', at, w),
    status: readText(o, 'status', at, w),
    assignedAt: readTime(o, 'assignedAt', at, w, offset),
    acceptedTime: readTime(o, 'acceptedTime', at, w, offset),
    firstResponseTime: readTime(o, 'firstResponseTime', at, w, offset),
    firstResponseDurationSec: readNumber(o, 'firstResponseDuration', at, w),
    interactionEndTime: readTime(o, 'interactionEndTime', at, w, offset),
    interactionDurationSec: readNumber(o, 'interactionDuration', at, w),
    holdSec: readNumber(o, 'holdDuration', at, w),
    afterCallWorkSec: readNumber(o, 'afterCallWorkDuration', at, w),
    afterCallWorkEndTime: readTime(o, 'afterCallWorkEndTime', at, w, offset),
    agentNotes: readNotes(o, 'agentNotes', at, w),
    consultingAgents,
    joinedUsers,
  }
}

function readNonResponding(v: unknown, path: string, ctx: Ctx): NonRespondingAgent | null {
  const { w, offset } = ctx
  if (!isObj(v)) {
    wrongType(w, path, 'an object', v)
    return null
  }
  const at = `${path}.`
  return {
    agentId: readText(v, 'agentId', at, w),
    name: readText(v, 'name', at, w),
    email: readText(v, 'email', at, w),
    assignedAt: readTime(v, 'assignedAt', at, w, offset),
    nonResponseEvent: readText(v, 'nonResponseEvent', at, w),
    agentNotes: readNotes(v, 'agentNotes', at, w),
  }
}

function readQueue(o: Obj, at: string, ctx: Ctx): QueueVisit {
  const { w, offset } = ctx
  const responding = o.respondingAgent
  let respondingAgent: AgentSegment | null = null
  if (isObj(responding)) respondingAgent = readAgentSegment(responding, `${at}respondingAgent.`, ctx)
  else if (responding !== undefined && responding !== null)
    wrongType(w, `${at}respondingAgent`, 'an object', responding)
  const nonResponding: NonRespondingAgent[] = []
  const list = readArray(o, 'nonRespondingAgents', at, w)
  for (let i = 0; i < list.length; i++) {
    const a = readNonResponding(list[i], `${at}nonRespondingAgents[${i}]`, ctx)
    if (a !== null) nonResponding.push(a)
  }
  return {
    kind: 'queue',
    queueId: readText(o, 'queueId', at, w),
    queueName: readText(o, 'queueName', at, w),
    enterTime: readTime(o, keyOf(o, 'EnterTime', 'enterTime'), at, w, offset),
    respondingAgent,
    nonRespondingAgents: nonResponding,
    callbackOpted: readBool(o, keyOf(o, 'CallbackOpted', 'callbackOpted'), at, w),
    callbackOptedTime: readTime(o, keyOf(o, 'CallbackOptedTime', 'callbackOptedTime'), at, w, offset),
    userCallbackAcceptTime: readTime(o, 'userCallbackAcceptTime', at, w, offset),
  }
}

const QUEUE_KEYS = ['queueId', 'queueName', 'EnterTime', 'respondingAgent', 'nonRespondingAgents']
const AGENT_KEYS = ['agentId', 'name', 'email', 'assignedAt', 'acceptedTime']
const has = (o: Obj, keys: string[]) => keys.some((k) => o[k] !== undefined && o[k] !== null)

/**
 * Every destination the record lists. An entry with a missing or unknown destinationType is kept
 * (with a warning) when its fields say what it is; only entries that are not objects, or carry
 * nothing recognisable, are skipped (with a warning).
 */
export function readDestinations(rec: Obj, ctx: Ctx): Destination[] {
  const list = readArray(rec, 'destinations', '', ctx.w)
  const out: Destination[] = []
  for (let i = 0; i < list.length; i++) {
    const d = list[i]
    const path = `destinations[${i}]`
    if (!isObj(d)) {
      wrongType(ctx.w, path, 'an object', d)
      continue
    }
    const at = `${path}.`
    const type = typeof d.destinationType === 'string' ? d.destinationType.trim().toLowerCase() : ''
    let kind: 'queue' | 'agent' | null =
      type === 'queueentry' ? 'queue' : type === 'agentsegment' ? 'agent' : null
    if (kind === null) {
      kind = has(d, QUEUE_KEYS) ? 'queue' : has(d, AGENT_KEYS) ? 'agent' : null
      const what =
        d.destinationType === undefined
          ? 'no destinationType'
          : `unknown destinationType (${kindOf(d.destinationType)})`
      ctx.w.push(`${path}: ${what}${kind === null ? ', nothing recognisable: skipped' : `, read as ${kind}`}`)
    }
    if (kind === 'queue') out.push(readQueue(d, at, ctx))
    else if (kind === 'agent') out.push({ kind: 'agent', agent: readAgentSegment(d, at, ctx) })
  }
  return out
}
