// Small typed readers over untrusted JSON. Each reads one field, returns null when it is absent
// (undefined, null or "") and pushes a warning when it is there but not what the API documents.
// Warnings are plain "path: message" strings, built only when something is odd, so the happy path
// over 50,000 records allocates nothing extra. `at` is the path prefix of `o` ("" or "destinations[0].").

import { epochFromNumber, parseTimeText } from './normalize-times'

export type Obj = Record<string, unknown>

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A short description of an unexpected value for a warning. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'string') return `text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`
  return `${typeof v} ${String(v)}`
}

export function wrongType(w: string[], path: string, expected: string, v: unknown): void {
  w.push(`${path}: expected ${expected}, got ${kindOf(v)}`)
}

/** Trimmed text; numbers and booleans are turned into text (with a warning). */
export function textOf(v: unknown, path: string, w: string[]): string | null {
  if (v === undefined || v === null) return null
  if (typeof v === 'string') {
    const t = v.trim()
    return t === '' ? null : t
  }
  wrongType(w, path, 'text', v)
  if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return String(v)
  return null
}

export function readText(o: Obj, key: string, at: string, w: string[]): string | null {
  const v = o[key]
  return v === undefined || v === null ? null : textOf(v, at + key, w)
}

/** A number; numeric text ("104") is accepted silently, as the API sends durations either way. */
export function readNumber(o: Obj, key: string, at: string, w: string[]): number | null {
  const v = o[key]
  if (v === undefined || v === null) return null
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v
  } else if (typeof v === 'string') {
    const t = v.trim()
    if (t === '') return null
    const n = Number(t)
    if (Number.isFinite(n)) return n
  }
  wrongType(w, at + key, 'a number', v)
  return null
}

const TRUE_WORDS = new Set(['yes', 'true', 'y', '1'])
const FALSE_WORDS = new Set(['no', 'false', 'n', '0'])

/** Booleans, "YES"/"NO"/"true"/"false" in any case, 1/0. */
export function readBool(o: Obj, key: string, at: string, w: string[]): boolean | null {
  const v = o[key]
  if (v === undefined || v === null) return null
  if (typeof v === 'boolean') return v
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase()
    if (t === '') return null
    if (TRUE_WORDS.has(t)) return true
    if (FALSE_WORDS.has(t)) return false
  } else if (v === 1 || v === 0) {
    return v === 1
  }
  wrongType(w, at + key, 'yes/no', v)
  return null
}

/** Epoch ms; see normalize-times.ts for the accepted forms and the offset rule. */
export function readTime(o: Obj, key: string, at: string, w: string[], offsetMin: number): number | null {
  const v = o[key]
  if (v === undefined || v === null) return null
  if (typeof v === 'string') {
    if (v.trim() === '') return null
    const t = parseTimeText(v, offsetMin)
    if (t !== null) return t
    w.push(`${at + key}: unparseable time ${kindOf(v)}`)
    return null
  }
  if (typeof v === 'number') {
    const t = epochFromNumber(v)
    if (t !== null) return t
  }
  wrongType(w, at + key, 'a time', v)
  return null
}

/** An object field; absent gives null, anything else but an object gives null and a warning. */
export function readObj(o: Obj, key: string, at: string, w: string[]): Obj | null {
  const v = o[key]
  if (v === undefined || v === null) return null
  if (isObj(v)) return v
  wrongType(w, at + key, 'an object', v)
  return null
}

/** An array field; absent gives an empty list, anything else but an array gives one and a warning. */
export function readArray(o: Obj, key: string, at: string, w: string[]): readonly unknown[] {
  const v = o[key]
  if (v === undefined || v === null) return EMPTY
  if (Array.isArray(v)) return v
  wrongType(w, at + key, 'a list', v)
  return EMPTY
}

const EMPTY: readonly unknown[] = Object.freeze([])

/**
 * Labels from a list of strings or of {name, id} objects (skills, dispositions); a single string is
 * a list of one. Empty entries are skipped.
 */
export function readLabels(o: Obj, key: string, at: string, w: string[]): string[] {
  const v = o[key]
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) {
    if (typeof v === 'string') return v.trim() === '' ? [] : [v.trim()]
    wrongType(w, at + key, 'a list', v)
    return []
  }
  const out: string[] = []
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i]
    const path = `${at + key}[${i}]`
    if (!isObj(item)) {
      const label = textOf(item, path, w)
      if (label !== null) out.push(label)
      continue
    }
    const label = readText(item, 'name', `${path}.`, w) ?? readText(item, 'id', `${path}.`, w)
    if (label !== null) out.push(label)
    else w.push(`${path}: no name or id`)
  }
  return out
}

/** Free text sent as a list of strings (agentNotes, dispositionRemarks) or as one string: joined by lines. */
export function readNotes(o: Obj, key: string, at: string, w: string[]): string | null {
  const v = o[key]
  if (v === undefined || v === null) return null
  if (!Array.isArray(v)) return textOf(v, at + key, w)
  let out: string | null = null
  for (let i = 0; i < v.length; i++) {
    const line = textOf(v[i], `${at + key}[${i}]`, w)
    if (line !== null) out = out === null ? line : `${out}\n${line}`
  }
  return out
}

/** The key to read when the API spells a field two ways: the first that is present. */
export function keyOf(o: Obj, primary: string, secondary: string): string {
  return o[primary] !== undefined ? primary : secondary
}
