// Raw call-details JSON -> Conversation[]: once, at the edge. Tolerant by design: it never throws and
// never drops a record; whatever is odd becomes a ShapeWarning and the rest still renders.

import { callDetailsEnvelopeSchema } from './calldetails-schema'
import {
  type Conversation,
  type Destination,
  emptyConversation,
  type NormalizedPage,
  type ShapeWarning,
} from './conversation'
import { segmentOf } from './conversation-metrics'
import { readCustomer, readTags } from './normalize-customer'
import { type Ctx, readDestinations } from './normalize-destinations'
import {
  isObj,
  keyOf,
  kindOf,
  type Obj,
  readBool,
  readLabels,
  readNotes,
  readNumber,
  readObj,
  readText,
  readTime,
  textOf,
} from './normalize-readers'

export type NormalizeOptions = {
  /** the offset the request was sent with, getTimezoneOffset's sign (India -330, New York 300) */
  timeZoneOffset: number
}

/**
 * The identity the fetch engine de-duplicates by: conversationId, else sessionId (trimmed, non-empty),
 * else null (such records cannot be matched across pages; keep them all).
 */
export function conversationIdentity(raw: unknown): string | null {
  try {
    if (!isObj(raw)) return null
    const ignored: string[] = []
    return textOf(raw.conversationId, '', ignored) ?? textOf(raw.sessionId, '', ignored)
  } catch {
    return null
  }
}

export function normalizeResponse(raw: unknown, opts: NormalizeOptions): NormalizedPage {
  const warnings: ShapeWarning[] = []
  const conversations: Conversation[] = []
  // page-level warnings carry index -1
  const pageWarnings: string[] = []
  let numResults: number | null = null
  try {
    if (isObj(raw)) numResults = readNumber(raw, 'numResults', '', pageWarnings)
    const envelope = callDetailsEnvelopeSchema.safeParse(raw)
    if (!envelope.success) {
      const issue = envelope.error.issues[0]
      const where = issue === undefined || issue.path.length === 0 ? 'response' : issue.path.join('.')
      pageWarnings.push(`${where}: ${issue?.message ?? 'not a call-details page'} (no records read)`)
    } else {
      const data = envelope.data.data
      const used = new Set<string>()
      for (let i = 0; i < data.length; i++) {
        const { conversation, warnings: found } = normalizeRecord(data[i], i, opts)
        if (used.has(conversation.id))
          found.push(`duplicate id in this page: shown as ${uniquify(conversation, used)}`)
        used.add(conversation.id)
        conversations.push(conversation)
        for (const message of found) warnings.push({ index: i, id: conversation.id, message })
      }
    }
  } catch (e) {
    pageWarnings.push(`response could not be read: ${errorText(e)}`)
  }
  for (const message of pageWarnings) warnings.unshift({ index: -1, id: null, message })
  return { conversations, warnings, numResults }
}

// ids are unique per page (Conversation.id's promise) even when the API repeats a record
function uniquify(c: Conversation, used: Set<string>): string {
  let n = 2
  while (used.has(`${c.id}#${n}`)) n++
  c.id = `${c.id}#${n}`
  return c.id
}

export function normalizeRecord(
  raw: unknown,
  index: number,
  opts: NormalizeOptions,
): { conversation: Conversation; warnings: string[] } {
  const w: string[] = []
  const offset = Number.isFinite(opts?.timeZoneOffset) ? opts.timeZoneOffset : 0
  if (!isObj(raw)) {
    // nothing is known of it, so it is not claimed as bot containment either
    w.push(`record is not an object: got ${kindOf(raw)}`)
    return { conversation: emptyConversation(`record-${index}`, raw), warnings: w }
  }
  try {
    return { conversation: readRecord(raw, index, { w, offset }), warnings: w }
  } catch (e) {
    // only reachable for values JSON cannot produce (getters, proxies); keep the record anyway
    w.push(`record could not be read: ${errorText(e)}`)
    return {
      conversation: emptyConversation(conversationIdentity(raw) ?? `record-${index}`, raw),
      warnings: w,
    }
  }
}

function readRecord(rec: Obj, index: number, ctx: Ctx): Conversation {
  const { w, offset } = ctx
  const conversationId = readText(rec, 'conversationId', '', w)
  const sessionId = readText(rec, 'sessionId', '', w)
  if (conversationId === null && sessionId === null)
    w.push('no conversationId or sessionId: given a synthetic id')
  const destinations = readDestinations(rec, ctx)
  const sessionEndTime = readTime(rec, 'sessionEndTime', '', w, offset)
  const userTags = readTags(rec, 'userleveltags', w)
  const sessionTags = readTags(rec, 'sessionleveltags', w)
  return {
    id: conversationId ?? sessionId ?? `record-${index}`,
    conversationId,
    sessionId,
    // Bot-only: nothing in destinations reached a queue or an agent, and SmartAssist never opened a
    // conversation (no conversationId). Both must hold: a record with a conversationId but no
    // destinations is an agent conversation whose routing is missing, not a bot containment.
    botOnly: conversationId === null && destinations.length === 0,
    channel: readText(rec, 'channel', '', w),
    direction: readText(rec, keyOf(rec, 'Direction', 'direction'), '', w) ?? metaDirection(rec, w),
    finalStatus: readText(rec, 'finalStatus', '', w),
    smartStatus: readText(rec, 'smartStatus', '', w),
    // older pages spell it Reason, newer ones reason; either may be present and empty
    reason: readText(rec, 'reason', '', w) ?? readText(rec, 'Reason', '', w),
    disconnectingEvent: readText(rec, 'disconnectingEvent', '', w),
    isVoicemail: readBool(rec, 'isVoicemail', '', w),
    skills: readLabels(rec, 'skills', '', w),
    dispositions: readLabels(rec, 'dispositions', '', w),
    dispositionRemarks: readNotes(rec, 'dispositionRemarks', '', w),
    csatScore: readNumber(rec, 'csatScore', '', w),
    csatFeedback: readText(rec, 'csatFeedback', '', w),
    customer: readCustomer(rec, w),
    metaInfo: readObj(rec, 'metaInfo', '', w) ?? {},
    tags: { user: userTags, session: sessionTags },
    sessionStartTime: readTime(rec, 'sessionStartTime', '', w, offset),
    sessionEndTime,
    endTime: latestEnd(sessionEndTime, destinations),
    destinations,
    raw: rec,
    botId: readText(rec, 'botId', '', w),
    userId: readText(rec, 'userId', '', w),
    channelSpecificUserId: readText(rec, 'channelSpecificUserId', '', w),
    userTags,
    sessionTags,
  }
}

/** Older records carry the direction only as metaInfo.customerinfo.Direction (api-notes.md). */
function metaDirection(rec: Obj, w: string[]): string | null {
  const meta = rec.metaInfo
  if (!isObj(meta)) return null
  const info = meta[keyOf(meta, 'customerinfo', 'customerInfo')]
  if (!isObj(info)) return null
  return readText(info, keyOf(info, 'Direction', 'direction'), 'metaInfo.customerinfo.', w)
}

/** sessionEndTime is not always the end (agents may finish minutes later): take the latest end seen. */
function latestEnd(sessionEndTime: number | null, destinations: Destination[]): number | null {
  let latest = sessionEndTime
  const see = (t: number | null) => {
    if (t !== null && (latest === null || t > latest)) latest = t
  }
  for (const d of destinations) {
    const agent = segmentOf(d)
    if (agent === null) continue
    see(agent.interactionEndTime)
    see(agent.afterCallWorkEndTime)
    for (const c of agent.consultingAgents) see(c.endTime)
  }
  return latest
}

function errorText(e: unknown): string {
  try {
    return e instanceof Error ? e.message : 'unexpected value'
  } catch {
    return 'unexpected value'
  }
}
