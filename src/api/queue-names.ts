import type { Conversation, QueueVisit } from './conversation'

/**
 * Some queue entries come without queueName (api-notes.md). The same queueId is usually named in
 * other records of the range: fill those names in, so a queue reads the same everywhere. Conversations
 * that need nothing are returned as they are (same object); the raw records are never touched.
 */
export function fillQueueNames(conversations: readonly Conversation[]): Conversation[] {
  const names = new Map<string, string>()
  let missing = false
  for (const c of conversations) {
    for (const d of c.destinations) {
      if (d.kind !== 'queue' || d.queueId === null) continue
      if (d.queueName !== null) {
        if (!names.has(d.queueId)) names.set(d.queueId, d.queueName)
      } else missing = true
    }
  }
  if (!missing) return conversations as Conversation[]
  return conversations.map((c) => {
    const named = (d: QueueVisit) => d.queueName === null && d.queueId !== null && names.has(d.queueId)
    if (!c.destinations.some((d) => d.kind === 'queue' && named(d))) return c
    return {
      ...c,
      destinations: c.destinations.map((d) =>
        d.kind === 'queue' && named(d) ? { ...d, queueName: names.get(d.queueId as string) ?? null } : d,
      ),
    }
  })
}
