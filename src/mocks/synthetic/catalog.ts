// The synthetic contact centre: channels, queues, agents and the vocabulary records draw from.
// Ids are derived from names with a fixed salt, so they are stable across runs and seeds.

import { hashString, hex } from './hash'

function uuidFrom(name: string, firstGroup: number, version: string): string {
  const h = [0, 1, 2, 3].map((k) => hex(hashString(name, 0x5eed + k), 8)).join('')
  return `${h.slice(0, firstGroup)}-${h.slice(8, 12)}-${version}${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export type Channel = {
  /** as records carry it (the custom one keeps its trailing space) */
  label: string
  /** id the request's `channels` filter uses upstream */
  id: string
  kind: 'voice' | 'chat' | 'email'
}

export const CHANNELS: readonly Channel[] = [
  { label: 'Voice', id: 'voice', kind: 'voice' },
  { label: 'Web/Mobile Client', id: 'rtm', kind: 'chat' },
  { label: 'System Mail', id: 'email', kind: 'email' },
  { label: 'telegram', id: 'telegram', kind: 'chat' },
  { label: 'Jones ', id: 'jones', kind: 'chat' },
]

/** Share of agent-reaching conversations per channel (same order as CHANNELS). */
export const AGENT_CHANNEL_WEIGHTS = [38, 34, 8, 10, 10] as const
/** Bot-only sessions come from channels with a bot in front. */
export const BOT_CHANNEL_WEIGHTS = [30, 55, 0, 15, 0] as const

export type Queue = { id: string; name: string }

const QUEUE_NAMES = [
  'Default Queue',
  'Billing',
  'Technical Support',
  'Sales',
  'Retention',
  'Claims',
  'Priority Care',
  'Spanish Support',
] as const

export const QUEUES: readonly Queue[] = QUEUE_NAMES.map((name) => ({
  id: `qu-${uuidFrom(`queue:${name}`, 7, '4')}`,
  name,
}))

/** Queue weights per channel kind (same order as QUEUES). */
export const QUEUE_WEIGHTS: Record<Channel['kind'], readonly number[]> = {
  voice: [10, 22, 20, 14, 6, 12, 6, 10],
  chat: [24, 10, 24, 16, 10, 2, 10, 4],
  email: [20, 40, 5, 5, 0, 30, 0, 0],
}

export type Agent = { agentId: string; name: string; email: string; queues: readonly number[] }

const AGENT_NAMES = [
  'Ada Moss',
  'Bilal Khan',
  'Carmen Ruiz',
  'Dev Patel',
  'Elena Petrova',
  'Farah Haddad',
  'George Okafor',
  'Hana Sato',
  'Ivan Novak',
  'Julia Weber',
  'Kofi Mensah',
  'Lena Fischer',
  'Marco Rossi',
  'Nadia Ali',
  'Omar Farouk',
  'Priya Nair',
  'Quentin Blake',
  'Rosa Delgado',
  'Sam Cohen',
  'Tara Singh',
  'Umar Sheikh',
  'Vera Lindqvist',
  'Wei Zhang',
  'Ximena Torres',
  'Yusuf Demir',
] as const

export const AGENTS: readonly Agent[] = AGENT_NAMES.map((name, k) => ({
  agentId: `u-${uuidFrom(`agent:${name}`, 8, '5')}`,
  name,
  email: `${name.toLowerCase().replace(' ', '.')}@example.com`,
  // Each agent serves two or three queues; Spanish Support (7) only the bilingual few.
  queues: k % 6 === 0 ? [k % 7, (k + 3) % 7, 7] : [k % 7, (k + 2) % 7],
}))

/** Agents able to take queue `q` (never empty). */
export const AGENTS_BY_QUEUE: readonly (readonly Agent[])[] = QUEUES.map((_, q) =>
  AGENTS.filter((a) => a.queues.includes(q)),
)

export const BOT_IDS = [
  'st-4b6a22d1-b8e5-533d-8020-93f847a9c1d0',
  'st-1d7611fa-908a-5f0c-8871-f7ea97a0aa01',
] as const
export const AUTOMATION_BOT_IDS = [
  'st-e5c6ae6b-c388-5acd-93b7-bada87a7aa01',
  'st-bdc0f473-406d-59bd-bd15-0d1b80af5a2e',
] as const
export const ORG_ID = 'o-5a0da1e4-2df3-5cec-9ee4-af0b2efd7c31'
export const STREAM_ACCOUNT = '66bc4a29bdaafdb08461b9f1'

export const SKILLS = [
  { id: '64c0d5353642d27556041a01', name: 'Platinum Customer' },
  { id: '64c0d5353642d27556041a02', name: 'Spanish' },
  { id: '64c0d5353642d27556041a03', name: 'Billing Expert' },
  { id: '64c0d5353642d27556041a04', name: 'Tier 2' },
  { id: '64c0d5353642d27556041a05', name: 'Hardware' },
] as const

export const DISPOSITIONS = [
  'Resolved',
  'Resolved',
  'Resolved',
  'Follow-up Required',
  'Escalated',
  'Billing Inquiry',
  'Technical Issue',
  'Sales Lead',
  'Requires Supervisor Attention',
  'Callback Scheduled',
  'Wrong Number',
] as const

export const DISPOSITION_REMARKS = [
  'Customer asked about a charge on the last invoice; explained and closed.',
  'Reset the router remotely; customer confirmed the connection works.',
  'Quoted the annual plan; customer will decide next week.',
  'Customer wants to cancel; offered a discount, accepted.',
  'Claim documents received; forwarded to the claims desk.',
  'Updated the delivery address.',
  '-',
] as const

export const AGENT_NOTES = [
  'The customer asked about a billing discrepancy. The agent explained the charges and the customer accepted.',
  'The customer reported an outage. The agent ran diagnostics and scheduled a technician.',
  'The customer requested to speak with an agent. The agent acknowledged and resolved the request.',
  'The customer wanted to upgrade the plan. The agent walked through the options.',
  'The customer initiated the conversation with a greeting and did not state an issue.',
  'Took the payment over the phone.',
] as const

export const CSAT_FEEDBACK = [
  '',
  '',
  'Quick and helpful.',
  'Had to wait too long.',
  'The agent was very friendly.',
  'Problem not solved.',
  'Great service, thanks!',
] as const

export const NON_RESPONSE_EVENTS = ['Ignored', 'Ignored', 'Rejected', 'Supervisor Reassigned'] as const

export const FIRST_NAMES = [
  'Ada',
  'Ben',
  'Chloe',
  'Diego',
  'Emma',
  'Femi',
  'Grace',
  'Hugo',
  'Ines',
  'Jon',
] as const
export const LAST_NAMES = [
  'Moss',
  'Brown',
  'Garcia',
  'Kim',
  'Smith',
  'Ito',
  'Dubois',
  'Costa',
  'Berg',
] as const
