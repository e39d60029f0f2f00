// "Hide personal data": masks what identifies a customer everywhere the page shows or exports a
// conversation: the normalized fields (table, drawer, CSV) and the raw record (drawer JSON, JSON export).
//
// What counts as personal (from the two seed samples and Kore.ai's field list):
// - customerInfo / customerinfo: every value (CustomerFirstName, CustomerPhone, CustomerEmail, CenterPhone…)
// - metaInfo: any key about a person or a line: caller, callee, dialedNumber, endUserNumber, emailId,
//   firstName, lastName, callerHost (the caller's IP), identities (channel user ids such as a telegram id)…
// - channelSpecificUserId (may be an e-mail address or a phone-line id)
// - tag values (userleveltags / sessionleveltags) whose tag name is about a person (callerNumber…)
// - free text written about the customer: agentNotes, dispositionRemarks, csatFeedback
// - consulting "agents" that are external phone numbers
// - as a safety net, anywhere else: an e-mail address inside any string, and any string that is
//   nothing but a phone number.
// Agents' names, ids and e-mails stay: they are staff, and who handled what is the dashboard's point.
//
// Pure functions over the normalized Conversation and the raw record: the shared layer, so that every
// feature (table, CSV/JSON export, drawer) masks the same way. The "Hide personal data" switch itself
// lives in features/conversations-table/privacy.ts.

import type { AgentSegment, Conversation, Destination, Tag } from './conversation'

export const MASK = '•••'

const normCache = new Map<string, string>()
/** A key lower-cased without punctuation (CustomerFirstName, first_name -> customerfirstname, firstname). */
function norm(key: string): string {
  let n = normCache.get(key)
  if (n === undefined) {
    n = key.toLowerCase().replace(/[^a-z0-9]/g, '')
    // the same few hundred keys recur in every record; keys are untrusted, so bound the cache
    if (normCache.size < 5000) normCache.set(key, n)
  }
  return n
}

/** Keys whose whole value (and everything under it) is personal, wherever they appear. */
const WHOLE_KEYS = new Set([
  'customerinfo',
  'channelspecificuserid',
  'agentnotes',
  'dispositionremarks',
  'csatfeedback',
  'caller',
  'callee',
  'callernumber',
  'callerid',
  'dialednumber',
  'endusernumber',
  'customername',
  'customerphone',
  'customeremail',
  'phonenumber',
  'mobilenumber',
  'emailid',
  'emailaddress',
  'firstname',
  'lastname',
  'fullname',
  'callerhost',
  'ipaddress',
  'ani',
  'dnis',
  'msisdn',
])

/** Inside metaInfo and tag names: any key that is about a person, a line or an address. */
const PERSONAL_KEY =
  /name|phone|mail|caller|callee|dial|number|mobile|msisdn|^ani$|^dnis$|address|^ip$|identit|customer|contact|^from$|^to$|birth|^dob$|ssn|passport|card/

/** ...except keys that name a thing of the bot or the contact centre (lastIntentName, queueName) */
const NOT_PERSONAL_KEY = /intent|queue|skill|^bot|botname|dialog|task/

const personalKey = (nk: string) =>
  WHOLE_KEYS.has(nk) || (PERSONAL_KEY.test(nk) && !NOT_PERSONAL_KEY.test(nk))

const TAG_LISTS = new Set(['userleveltags', 'sessionleveltags', 'usertags', 'sessiontags'])

const EMAIL = /[^\s@<>"'(),;:/[\]]+@[^\s@<>"'(),;:/[\]]+\.[a-z]{2,}/gi
const PHONE_ONLY = /^\+?[\d\s().-]{7,}$/
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/
const TIME_KEY = /(time|date|duration|timestamp|assignedat|createdat|updatedat)$/

/** A string that is nothing but a phone number (7 to 15 digits), not a date or a time. */
export function isPhoneLike(s: string, key = ''): boolean {
  if (s.length < 7) return false
  const t = s.trim()
  if (!PHONE_ONLY.test(t) || DATE_LIKE.test(t) || TIME_KEY.test(norm(key))) return false
  const digits = t.replace(/\D/g, '').length
  return digits >= 7 && digits <= 15
}

/** Masks one value: non-empty strings and numbers become MASK; nested values are masked leaf by leaf. */
export function maskDeep(v: unknown): unknown {
  if (typeof v === 'string') return v === '' ? v : MASK
  if (typeof v === 'number' || typeof v === 'bigint') return MASK
  if (Array.isArray(v)) return v.map(maskDeep)
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) define(out, k, maskDeep(x))
    return out
  }
  return v
}

// "__proto__" from JSON must stay an own data property, not become the prototype
function define(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__')
    Object.defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true })
  else out[k] = v
}

function safetyNet(s: string, key: string): string {
  if (isPhoneLike(s, key)) return MASK
  return s.includes('@') ? s.replace(EMAIL, MASK) : s
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

const isAgent = (o: Record<string, unknown>) => typeof o.agentId === 'string' && o.agentId.trim() !== ''

/** metaInfo: personal keys masked whole, the rest walked (with the safety net). */
function maskKeyed(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v.map((x) => maskKeyed(x, key))
  if (isRecord(v)) {
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(v)) {
      const nk = norm(k)
      define(out, k, personalKey(nk) ? maskDeep(x) : maskKeyed(x, k))
    }
    return out
  }
  return typeof v === 'string' ? safetyNet(v, key) : v
}

const isPersonalTag = (name: unknown) => typeof name === 'string' && personalKey(norm(name))

function maskTagValue(name: unknown, value: unknown): unknown {
  if (isPersonalTag(name)) return maskDeep(value)
  return typeof value === 'string' ? safetyNet(value, '') : walk(value, 'value')
}

function maskTagList(v: unknown): unknown {
  if (!Array.isArray(v)) return walk(v, '')
  return v.map((t) => {
    if (!isRecord(t)) return walk(t, '')
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(t))
      define(out, k, k === 'value' ? maskTagValue(t.name, x) : walk(x, k))
    return out
  })
}

function walk(v: unknown, key: string): unknown {
  if (typeof v === 'string') return safetyNet(v, key)
  if (Array.isArray(v)) return v.map((x) => walk(x, key))
  if (!isRecord(v)) return v
  const agent = isAgent(v)
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    const nk = norm(k)
    let masked: unknown
    if (WHOLE_KEYS.has(nk)) masked = maskDeep(x)
    else if (nk === 'metainfo') masked = maskKeyed(x, k)
    else if (TAG_LISTS.has(nk)) masked = maskTagList(x)
    // an agent's own name and e-mail stay (staff); an external party's are caught by the safety net
    else if (agent && (nk === 'name' || nk === 'email') && typeof x === 'string') masked = x
    else masked = walk(x, k)
    define(out, k, masked)
  }
  return out
}

/**
 * A deep copy of a raw record (or a page, or a list of records) with the customer's data masked.
 * Never throws on JSON-shaped input; the input is not changed.
 */
export function maskRaw(raw: unknown): unknown {
  return walk(raw, '')
}

const text = (s: string | null): string | null => (s === null || s === '' ? s : MASK)

function maskTags(tags: Tag[] | undefined): Tag[] | undefined {
  if (tags === undefined) return undefined
  return tags.map((t) =>
    t.value === null ? t : { ...t, value: isPersonalTag(t.name) ? MASK : safetyNet(t.value, '') },
  )
}

function maskSegment(a: AgentSegment): AgentSegment {
  return {
    ...a,
    agentNotes: text(a.agentNotes),
    consultingAgents: a.consultingAgents.map((c) =>
      c.external || c.agentId === null ? { ...c, name: text(c.name), email: text(c.email) } : c,
    ),
  }
}

function maskDestination(d: Destination): Destination {
  if (d.kind === 'agent') return { ...d, agent: maskSegment(d.agent) }
  return {
    ...d,
    respondingAgent: d.respondingAgent && maskSegment(d.respondingAgent),
    nonRespondingAgents: d.nonRespondingAgents.map((n) => ({ ...n, agentNotes: text(n.agentNotes) })),
  }
}

const masked = new WeakMap<Conversation, Conversation>()

/**
 * A copy of the conversation with the customer's data masked (name, phone, e-mail, the rest of
 * customerInfo, metaInfo's personal keys, personal tags, channelSpecificUserId, remarks, notes).
 * The same input gives the same (cached) output object; the raw record is masked when first read.
 */
export function maskConversation(c: Conversation): Conversation {
  const hit = masked.get(c)
  if (hit) return hit
  const userTags = maskTags(c.userTags)
  const sessionTags = maskTags(c.sessionTags)
  const tags =
    isRecord(c.tags) && Array.isArray(c.tags.user) && Array.isArray(c.tags.session)
      ? { user: maskTags(c.tags.user as Tag[]), session: maskTags(c.tags.session as Tag[]) }
      : maskRaw(c.tags)
  const out: Conversation = {
    ...c,
    customer: {
      name: text(c.customer.name),
      phone: text(c.customer.phone),
      email: text(c.customer.email),
      extra: maskDeep(c.customer.extra) as Record<string, unknown>,
    },
    metaInfo: maskKeyed(c.metaInfo, 'metaInfo') as Record<string, unknown>,
    tags,
    dispositionRemarks: text(c.dispositionRemarks),
    csatFeedback: text(c.csatFeedback),
    destinations: c.destinations.map(maskDestination),
    channelSpecificUserId: c.channelSpecificUserId === undefined ? undefined : text(c.channelSpecificUserId),
    userTags,
    sessionTags,
  }
  // masking a 2–7 KB raw record is the expensive part: do it only when something reads it
  let raw: unknown
  let done = false
  Object.defineProperty(out, 'raw', {
    enumerable: true,
    configurable: true,
    get() {
      if (!done) {
        raw = maskRaw(c.raw)
        done = true
      }
      return raw
    },
  })
  masked.set(c, out)
  return out
}
