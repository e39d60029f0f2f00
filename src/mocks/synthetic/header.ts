// The cheap part of a record: what enumeration, ordering, channel filtering and identity need.
// Computed from single hashes (no PRNG stream), so listing a week of them costs a few ms.

import { AGENT_CHANNEL_WEIGHTS, BOT_CHANNEL_WEIGHTS } from './catalog'
import { hash4, hex, unit, weighted } from './hash'

export const BOT_ONLY_SHARE = 0.17

/** hash purposes, one per decision, so adding a decision never shifts the others */
const P_SECOND = 0
const P_BOT = 1
const P_CHANNEL = 2
const P_MACHINE = 3
const P_COUNTER = 4
const P_CONV = 5

export type Header = {
  slot: number
  i: number
  /** session start, whole UTC seconds since epoch */
  startSec: number
  botOnly: boolean
  /** index into CHANNELS */
  channel: number
}

export function startSecOf(seed: number, slot: number, i: number): number {
  return slot * 60 + (hash4(seed, slot, i, P_SECOND) % 60)
}

export function headerOf(seed: number, slot: number, i: number, startSec: number): Header {
  const botOnly = unit(hash4(seed, slot, i, P_BOT)) < BOT_ONLY_SHARE
  const r = unit(hash4(seed, slot, i, P_CHANNEL))
  const channel = weighted(botOnly ? BOT_CHANNEL_WEIGHTS : AGENT_CHANNEL_WEIGHTS, r)
  return { slot, i, startSec, botOnly, channel }
}

/**
 * A MongoDB ObjectId: 4 bytes of creation time (UTC seconds = session start), 5 bytes of
 * "process" (one of three per seed, as one server's ids repeat them), 3 bytes of counter.
 * The counter is unique within a slot, so sessionIds are unique without relying on luck.
 */
export function sessionIdOf(seed: number, h: Header): string {
  const proc = hash4(seed, h.slot, h.i, P_MACHINE) % 3
  const counter = (hash4(seed, h.slot, 0, P_COUNTER) + h.i) & 0xffffff
  const procHex = hex(hash4(seed, proc, 0, P_MACHINE), 8) + hex(hash4(seed, proc, 1, P_MACHINE), 2)
  return hex(h.startSec, 8) + procHex + hex(counter, 6)
}

/** `c-` + a uuid whose first group has 7 hex digits, as SmartAssist writes them. */
export function conversationIdOf(seed: number, h: Header): string | null {
  if (h.botOnly) return null
  const a = hex(hash4(seed, h.slot, h.i, P_CONV), 8)
  const b = hex(hash4(seed, h.slot, h.i, P_CONV + 16), 8)
  const c = hex(hash4(seed, h.slot, h.i, P_CONV + 32), 8)
  const d = hex(hash4(seed, h.slot, h.i, P_CONV + 48), 8)
  const variant = '89ab'[Number.parseInt(c.slice(0, 1), 16) & 3]
  return `c-${a.slice(0, 7)}-${b.slice(0, 4)}-4${b.slice(4, 7)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`
}

export function identityOf(seed: number, h: Header): string {
  return conversationIdOf(seed, h) ?? sessionIdOf(seed, h)
}
