// A small share of records arrive malformed in ways real exports are: numbers as strings, empty
// strings, missing EnterTime / queueName. Applied after building, so the rest stays intact.

import type { Rng } from './hash'
import type { Json, JsonObject } from './json'

export const ODD_SHARE = 0.03

function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function firstSegment(rec: JsonObject): JsonObject | undefined {
  const dest = rec.destinations
  if (!Array.isArray(dest)) return undefined
  for (const d of dest) {
    if (!isObject(d)) continue
    if (d.destinationType === 'AgentSegment' && 'interactionDuration' in d) return d
    if (isObject(d.respondingAgent)) return d.respondingAgent
  }
  return undefined
}

function firstQueue(rec: JsonObject): JsonObject | undefined {
  const dest = rec.destinations
  if (!Array.isArray(dest)) return undefined
  return dest.find((d): d is JsonObject => isObject(d) && d.destinationType === 'QueueEntry')
}

/** Direction as an empty string, where the record carries it (top level, else metaInfo.customerinfo). */
function blankDirection(rec: JsonObject): void {
  const meta = rec.metaInfo
  const info = isObject(meta) ? meta.customerinfo : undefined
  if (!('Direction' in rec) && isObject(info)) info.Direction = ''
  else rec.Direction = ''
}

const MUTATIONS: readonly ((rec: JsonObject) => boolean)[] = [
  (rec) => {
    const seg = firstSegment(rec)
    if (!seg) return false
    for (const k of [
      'interactionDuration',
      'holdDuration',
      'afterCallWorkDuration',
      'firstResponseDuration',
    ]) {
      if (typeof seg[k] === 'number') seg[k] = String(seg[k])
    }
    return true
  },
  (rec) => {
    const q = firstQueue(rec)
    if (!q || !('EnterTime' in q)) return false
    delete q.EnterTime
    return true
  },
  (rec) => {
    const q = firstQueue(rec)
    if (!q) return false
    q.queueName = ''
    return true
  },
  (rec) => {
    const q = firstQueue(rec)
    if (!q) return false
    delete q.queueName
    return true
  },
  (rec) => {
    blankDirection(rec)
    rec.disconnectingEvent = ''
    return true
  },
  (rec) => {
    if (typeof rec.csatScore !== 'number') return false
    rec.csatScore = String(rec.csatScore)
    return true
  },
  (rec) => {
    rec.isVoicemail = ''
    return true
  },
]

/** Applies one or two mutations; at least one always lands. */
export function makeOdd(rng: Rng, rec: JsonObject): void {
  const wanted = rng.chance(0.3) ? 2 : 1
  let done = 0
  for (let tries = 0; done < wanted && tries < 8; tries++) {
    if (rng.pick(MUTATIONS)(rec)) done++
  }
  if (done === 0) blankDirection(rec)
}
