import { describe, expect, it } from 'vitest'
import { parseServerConfig } from './config-query'

describe('GET /api/config as the page reads it', () => {
  it('demo mode has no sync', () => {
    expect(parseServerConfig({ mode: 'demo' })).toEqual({ mode: 'demo' })
  })

  it('live mode carries the sync and the store', () => {
    const sync = { days: 7, coveredFrom: 1, coveredTo: 2, state: 'current' }
    expect(
      parseServerConfig({ mode: 'live', accountId: 'acc', rateLimitPerMinute: 60, sync, store: 'ok' }),
    ).toEqual({ mode: 'live', accountId: 'acc', rateLimitPerMinute: 60, sync, store: 'ok' })
  })

  it('a sync part it does not understand is left out, the rest still labels the page', () => {
    const config = parseServerConfig({
      mode: 'live',
      accountId: 'acc',
      sync: { days: 7, state: 'paused' },
      store: 42,
    })
    expect(config).toEqual({ mode: 'live', accountId: 'acc' })
  })

  it('an answer without a mode is an error', () => {
    expect(() => parseServerConfig({ accountId: 'acc' })).toThrow()
  })
})
