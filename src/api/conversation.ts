// The one normalized shape every feature reads, and emptyConversation (its all-absent value). Times
// are epoch milliseconds (UTC instants), durations are seconds; absent values are null, never empty
// strings.

export type Person = {
  agentId: string | null
  name: string | null
  email: string | null
}

export type ConsultingAgent = Person & {
  /** true for a phone number rather than a SmartAssist agent (no agentId) */
  external: boolean
  isMerged: boolean | null
  startTime: number | null
  endTime: number | null
  durationSec: number | null
  /** when the consult was offered (the record's assignedAt); startTime is when it was accepted */
  assignedAt?: number | null
}

/** One agent's handling of the conversation: inside a queue entry, or directly (top-level AgentSegment). */
export type AgentSegment = Person & {
  /** the segment's status as sent, e.g. Answered; absent while not accepted (TRANSIENT_OPEN) */
  status?: string | null
  assignedAt: number | null
  acceptedTime: number | null
  firstResponseTime: number | null
  firstResponseDurationSec: number | null
  interactionEndTime: number | null
  /** acceptedTime..interactionEndTime; already contains holdSec (api-notes.md) */
  interactionDurationSec: number | null
  holdSec: number | null
  afterCallWorkSec: number | null
  afterCallWorkEndTime: number | null
  agentNotes: string | null
  consultingAgents: ConsultingAgent[]
  joinedUsers: Person[]
}

export type NonRespondingAgent = Person & {
  assignedAt: number | null
  /** why the agent did not take it, e.g. Ignored, Supervisor Reassigned */
  nonResponseEvent: string | null
  agentNotes: string | null
}

export type QueueVisit = {
  kind: 'queue'
  queueId: string | null
  queueName: string | null
  enterTime: number | null
  respondingAgent: AgentSegment | null
  nonRespondingAgents: NonRespondingAgent[]
  callbackOpted: boolean | null
  callbackOptedTime: number | null
  userCallbackAcceptTime: number | null
}

export type DirectAgent = { kind: 'agent'; agent: AgentSegment }

export type Destination = QueueVisit | DirectAgent

export type CustomerInfo = {
  name: string | null
  phone: string | null
  email: string | null
  /** everything else the record carried under customerInfo / customerinfo */
  extra: Record<string, unknown>
}

/** one entry of userleveltags / sessionleveltags */
export type Tag = { name: string | null; value: string | null }

export type Conversation = {
  /** conversationId, else sessionId, else a synthetic id (never empty, unique per response) */
  id: string
  conversationId: string | null
  sessionId: string | null
  /** true when the session never reached a queue or an agent (bot-only, no conversationId / destinations) */
  botOnly: boolean
  /** channel name trimmed, as the data has it (Voice, Web/Mobile Client, telegram, custom names) */
  channel: string | null
  direction: string | null
  finalStatus: string | null
  smartStatus: string | null
  reason: string | null
  disconnectingEvent: string | null
  isVoicemail: boolean | null
  skills: string[]
  dispositions: string[]
  dispositionRemarks: string | null
  csatScore: number | null
  csatFeedback: string | null
  customer: CustomerInfo
  metaInfo: Record<string, unknown>
  /** normalize sets `{ user: Tag[]; session: Tag[] }` (the same arrays as userTags / sessionTags) */
  tags: unknown
  sessionStartTime: number | null
  sessionEndTime: number | null
  /** the latest end time found anywhere in the record (sessionEndTime is not always the end) */
  endTime: number | null
  destinations: Destination[]
  /** the record as received, for the drawer's JSON view */
  raw: unknown
  // Documented fields added after the first draft of this type. Optional only so that fixtures
  // written before them still type-check; normalize always sets them (null / [] when absent).
  botId?: string | null
  userId?: string | null
  channelSpecificUserId?: string | null
  userTags?: Tag[]
  sessionTags?: Tag[]
}

export type ShapeWarning = {
  /** index of the record in its response page; -1 for the page itself (e.g. no data list) */
  index: number
  id: string | null
  message: string
}

export type NormalizedPage = {
  conversations: Conversation[]
  warnings: ShapeWarning[]
  /** numResults as sent by the API (may be absent) */
  numResults: number | null
}

/**
 * A Conversation with nothing known: every field null, [] or {} (botOnly false, since nothing says the
 * session stayed with the bot). normalize uses it for a record that is not an object; tests build
 * their fixtures on it.
 */
export function emptyConversation(id: string, raw: unknown): Conversation {
  const noTags: Tag[] = []
  return {
    id,
    conversationId: null,
    sessionId: null,
    botOnly: false,
    channel: null,
    direction: null,
    finalStatus: null,
    smartStatus: null,
    reason: null,
    disconnectingEvent: null,
    isVoicemail: null,
    skills: [],
    dispositions: [],
    dispositionRemarks: null,
    csatScore: null,
    csatFeedback: null,
    customer: { name: null, phone: null, email: null, extra: {} },
    metaInfo: {},
    tags: { user: noTags, session: noTags },
    sessionStartTime: null,
    sessionEndTime: null,
    endTime: null,
    destinations: [],
    raw,
    botId: null,
    userId: null,
    channelSpecificUserId: null,
    userTags: noTags,
    sessionTags: noTags,
  }
}
