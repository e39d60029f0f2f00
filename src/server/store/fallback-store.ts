// The store with REDIS_URL: the Redis store shared by every instance, and this instance's own store
// (DATA_DIR) for while Redis cannot be reached (CONTRACT.md "Several instances": each instance goes
// on alone). Nothing throws: a Redis failure answers from, or writes to, the local store instead, and
// health says 'degraded' until Redis answers again. A stream that Redis cuts half way fails (the page
// offers Retry, which then reads what is held locally or in Redis again).
import type { ConversationStore, CoveredInterval, Interval, StoredRecord, StoreHealth } from './store'

export function withLocalFallback(shared: ConversationStore, local: ConversationStore): ConversationStore {
  async function either<T>(onShared: () => T | Promise<T>, onLocal: () => T | Promise<T>): Promise<T> {
    try {
      return await onShared()
    } catch {
      // the Redis store logs its own outage (once); this instance goes on alone meanwhile
      return onLocal()
    }
  }
  async function* stream<T>(
    fromShared: () => AsyncIterable<T>,
    fromLocal: () => AsyncIterable<T>,
  ): AsyncGenerator<T> {
    let sent = false
    try {
      for await (const batch of fromShared()) {
        sent = true
        yield batch
      }
      return
    } catch (error) {
      if (sent) throw error
    }
    yield* fromLocal()
  }
  return {
    put: (records: StoredRecord[]) =>
      either(
        () => shared.put(records),
        () => local.put(records),
      ),
    markCovered: (interval: Interval, fetchedAt: number) =>
      either(
        () => shared.markCovered(interval, fetchedAt),
        () => local.markCovered(interval, fetchedAt),
      ),
    covered: (range: Interval): Promise<CoveredInterval[]> =>
      either(
        () => shared.covered(range),
        () => local.covered(range),
      ),
    records: (range, batchSize) =>
      stream(
        () => shared.records(range, batchSize),
        () => local.records(range, batchSize),
      ),
    recordsJson: (range, batchSize) =>
      stream(
        () => shared.recordsJson(range, batchSize),
        () => local.recordsJson(range, batchSize),
      ),
    count: (range) =>
      either(
        () => shared.count(range),
        () => local.count(range),
      ),
    async prune(before) {
      await either(
        () => shared.prune(before),
        () => undefined,
      )
      await local.prune(before)
    },
    get health(): StoreHealth {
      return shared.health === 'ok' && local.health === 'ok' ? 'ok' : 'degraded'
    },
    async close() {
      await Promise.allSettled([shared.close(), local.close()])
    },
  }
}
