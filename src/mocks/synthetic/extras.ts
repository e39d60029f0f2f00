// The descriptive parts of a record: who the customer is, what the channel knew, tags and skills.

import { type Channel, FIRST_NAMES, LAST_NAMES, SKILLS, STREAM_ACCOUNT } from './catalog'
import type { Rng } from './hash'
import type { Json, JsonObject } from './json'

/** the customer; `center` is the contact centre's number they called or were called from */
export type Person = { first: string; last: string; email: string; phone: string; center: string }

const CENTER_PHONES = ['+13345550199', '+18005550123', '+442075550100'] as const

/** The customer's draws, in stream order; personOf formats them (apart, so a draw-only pass skips that). */
export type PersonDraws = {
  first: string
  last: string
  mailNo: number
  area: number
  line: number
  center: string
}

export function drawPerson(rng: Rng): PersonDraws {
  const first = rng.pick(FIRST_NAMES)
  const last = rng.pick(LAST_NAMES)
  const mailNo = rng.int(1, 99)
  const area = rng.int(200, 989)
  const line = rng.int(0, 9999)
  return { first, last, mailNo, area, line, center: rng.pick(CENTER_PHONES) }
}

export function personOf(d: PersonDraws): Person {
  return {
    first: d.first,
    last: d.last,
    email: `${d.first.toLowerCase()}.${d.last.toLowerCase()}${d.mailNo}@example.net`,
    phone: `+1${d.area}555${d.line.toString().padStart(4, '0')}`,
    center: d.center,
  }
}

export function customerInfo(rng: Rng, channel: Channel, who: Person): JsonObject {
  const known = channel.kind === 'email' || rng.chance(0.55)
  const voice = channel.kind === 'voice'
  return {
    CustomerPhone: voice ? who.phone : rng.chance(0.2) ? who.phone.slice(2) : '',
    CenterPhone: voice ? who.center : '',
    CustomerFirstName: known ? who.first : '',
    CustomerLastName: known ? who.last : '',
    CustomerEmail: known && !voice ? who.email : '',
  }
}

export function metaInfo(rng: Rng, channel: Channel, who: Person, direction: string): JsonObject {
  const meta: JsonObject = {}
  if (channel.kind === 'voice') {
    const [caller, callee] = direction === 'Outbound' ? [who.center, who.phone] : [who.phone, who.center]
    Object.assign(meta, { caller, callee, dialedNumber: callee, countryCode: '1', endUserNumber: who.phone })
  } else if (channel.label === 'telegram') {
    Object.assign(meta, { firstName: who.first, lastName: '', telegramUserId: String(rng.int(1e9, 9e9)) })
  } else if (channel.kind === 'email') {
    Object.assign(meta, {
      from: who.email,
      subject: rng.pick(['Invoice question', 'Order status', 'Claim #'] as const),
    })
  } else {
    Object.assign(meta, {
      os: rng.pick(['Windows', 'macOS', 'Android', 'iOS'] as const),
      browser: rng.pick(['Chrome', 'Safari', 'Firefox', 'Edge'] as const),
      hostDomain: 'https://platform.kore.ai',
    })
  }
  if (rng.chance(0.3)) meta.agentTransferConfig = { overrideAgents: false, lastIntentName: 'ConnectToAgent' }
  return meta
}

export function channelUserId(
  rng: Rng,
  channel: Channel,
  who: Person,
  conversationId: string | null,
): string {
  if (channel.kind === 'voice') return `${STREAM_ACCOUNT}/korevg/${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}`
  if (channel.kind === 'email') return who.email
  if (channel.label === 'telegram') return `${STREAM_ACCOUNT}/telegram/${rng.int(1e9, 9e9)}`
  if (channel.label === 'Web/Mobile Client')
    return rng.chance(0.5) ? `cs-${rng.hex(8)}/${rng.hex(8)}` : who.email
  return `${STREAM_ACCOUNT}/agentassist/${conversationId ?? rng.hex(12)}`
}

export function skills(rng: Rng): Json[] {
  if (!rng.chance(0.3)) return []
  const first = rng.pick(SKILLS)
  const second = rng.pick(SKILLS)
  return first === second ? [{ ...first }] : [{ ...first }, { ...second }]
}

export function userTags(rng: Rng): Json[] {
  if (!rng.chance(0.25)) return []
  const tags: Json[] = [{ name: 'accountnum', value: String(rng.int(100000000, 999999999)) }]
  if (rng.chance(0.5)) tags.push({ name: 'tier', value: rng.pick(['gold', 'silver', 'bronze'] as const) })
  return tags
}

export function sessionTags(rng: Rng, channel: Channel, who: Person): Json[] {
  if (channel.kind === 'voice') {
    const tags: Json[] = [{ name: 'audioCodesCallDisconnect', value: '1' }]
    if (rng.chance(0.5)) tags.push({ name: 'callerNumber', value: who.phone })
    if (rng.chance(0.3)) tags.push({ name: 'voiceAgentTransferStart', value: '1' })
    return tags
  }
  return rng.chance(0.2) ? [{ name: 'pageUrl', value: 'https://shop.example.com/checkout' }] : []
}
