import { createSyntheticSmartAssist } from '../mocks/synthetic-smartassist'
import type { Upstream } from './upstream'

/** Demo mode: the proxy's whole pipeline runs as in live mode, with the synthetic SmartAssist as upstream. */
export function createDemoUpstream(perDay: number): Upstream {
  // No conversation starts after "now": demo data looks like a live account's.
  const synthetic = createSyntheticSmartAssist({ perDay, now: Date.now })
  return {
    async calldetails(q, signal) {
      signal.throwIfAborted()
      const answer = synthetic.handle({ offset: q.offset, limit: q.limit, body: q.body })
      return {
        status: answer.status,
        headers: new Headers({ 'content-type': 'application/json' }),
        body: answer.body,
      }
    },
  }
}
