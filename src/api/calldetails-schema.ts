// The call-details response as Kore.ai documents it (calldetails-api.txt, api-notes.md), in zod.
//
// Two uses, on purpose different in strictness:
// - `callDetailsEnvelopeSchema` is checked at runtime on every response: only what must hold for the
//   page to be read at all (an object whose `data` is a list).
// - `callDetailsRecordSchema` documents one record's shape, the contract the normalizer reads and the
//   synthetic SmartAssist should produce. It is not run per record (normalize.ts reads fields with
//   small typed readers and turns every deviation into a warning instead of a failure).
// All objects are loose: the API adds fields over time and those are not errors.

import { z } from 'zod'

/** "yyyy-MM-ddTHH:mm:ss" (or a space for T) in the request's timeZoneOffset, or an instant ending in Z. */
const time = z.string()
/** A number, sometimes sent as numeric text ("104"). */
const numeric = z.union([z.number(), z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/)])
/** Durations in seconds; documented as integers. */
const seconds = numeric
const text = z.string()
const notes = z.union([z.array(z.string()), z.string()])

const person = {
  agentId: text.optional(),
  name: text.optional(),
  email: text.optional(),
}

export const consultingAgentSchema = z.looseObject({
  ...person,
  isMerged: z.boolean().optional(),
  assignedAt: time.optional(),
  acceptedTime: time.optional(),
  consultingEndTime: time.optional(),
})

export const agentSegmentSchema = z.looseObject({
  ...person,
  destinationType: z.literal('AgentSegment').optional(),
  status: text.optional(),
  agentNotes: notes.optional(),
  assignedAt: time.optional(),
  acceptedTime: time.optional(),
  firstResponseTime: time.optional(),
  firstResponseDuration: seconds.optional(),
  interactionEndTime: time.optional(),
  /** acceptedTime..interactionEndTime, hold included */
  interactionDuration: seconds.optional(),
  holdDuration: seconds.optional(),
  afterCallWorkDuration: seconds.optional(),
  afterCallWorkEndTime: time.optional(),
  ConsultingAgents: z.array(consultingAgentSchema).optional(),
  JoinedUsers: z.array(z.looseObject(person)).optional(),
})

export const nonRespondingAgentSchema = z.looseObject({
  ...person,
  agentNotes: notes.optional(),
  assignedAt: time.optional(),
  /** why the agent did not take it: Ignored, Supervisor Reassigned, ... */
  nonResponseEvent: text.optional(),
})

export const queueEntrySchema = z.looseObject({
  destinationType: z.literal('QueueEntry'),
  queueId: text.optional(),
  queueName: text.optional(),
  EnterTime: time.optional(),
  respondingAgent: agentSegmentSchema.optional(),
  nonRespondingAgents: z.array(nonRespondingAgentSchema).optional(),
  CallbackOpted: z.boolean().optional(),
  CallbackOptedTime: time.optional(),
  userCallbackAcceptTime: time.optional(),
})

export const destinationSchema = z.union([
  queueEntrySchema,
  agentSegmentSchema.extend({ destinationType: z.literal('AgentSegment') }),
])

const tag = z.looseObject({ name: text, value: z.unknown() })
/** Either spelling; the samples use customerinfo, the field table customerInfo. */
const customerInfo = z.looseObject({
  CustomerPhone: text.optional(),
  CenterPhone: text.optional(),
  CustomerFirstName: text.optional(),
  CustomerLastName: text.optional(),
  CustomerEmail: text.optional(),
})

export const callDetailsRecordSchema = z.looseObject({
  /** absent on bot-only sessions */
  conversationId: text.optional(),
  sessionId: text.optional(),
  channel: text.optional(),
  /** "NO" in the samples, Boolean in the newer table */
  isVoicemail: z.union([z.enum(['YES', 'NO']), z.boolean()]).optional(),
  Direction: text.optional(),
  skills: z.array(z.union([z.looseObject({ id: text.optional(), name: text.optional() }), text])).optional(),
  finalStatus: text.optional(),
  smartStatus: text.optional(),
  /** the older page spells it Reason, the newer reason */
  Reason: text.optional(),
  reason: text.optional(),
  disconnectingEvent: text.optional(),
  botId: text.optional(),
  dispositions: z.union([z.array(text), text]).optional(),
  dispositionRemarks: notes.optional(),
  /** 1 – 5 */
  csatScore: numeric.optional(),
  csatFeedback: text.optional(),
  customerInfo: customerInfo.optional(),
  customerinfo: customerInfo.optional(),
  metaInfo: z.looseObject({}).optional(),
  sessionStartTime: time.optional(),
  sessionEndTime: time.optional(),
  channelSpecificUserId: text.optional(),
  userId: text.optional(),
  /** absent on bot-only sessions */
  destinations: z.array(destinationSchema).optional(),
  userleveltags: z.array(tag).optional(),
  sessionleveltags: z.array(tag).optional(),
})

export const callDetailsEnvelopeSchema = z.looseObject({
  /** read separately and tolerantly: a bad count must not cost the page */
  numResults: z.unknown().optional(),
  data: z.array(z.unknown()),
})

export const callDetailsResponseSchema = callDetailsEnvelopeSchema.extend({
  numResults: z.number().int().nonnegative().optional(),
  data: z.array(callDetailsRecordSchema),
})

export type CallDetailsRecord = z.infer<typeof callDetailsRecordSchema>
export type CallDetailsResponse = z.infer<typeof callDetailsResponseSchema>
export type QueueEntryRecord = z.infer<typeof queueEntrySchema>
export type AgentSegmentRecord = z.infer<typeof agentSegmentSchema>
