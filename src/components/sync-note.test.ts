import { describe, expect, it } from 'vitest'
import { syncText } from './sync-note'

const NOW = Date.parse('2024-11-19T12:00:00.000Z')
const live = (sync: unknown, store: 'ok' | 'degraded' = 'ok') =>
  ({ mode: 'live', accountId: 'a', sync, store }) as Parameters<typeof syncText>[0]

describe('how far the server’s store reaches', () => {
  it('says nothing in demo mode or with the sync off', () => {
    expect(syncText({ mode: 'demo' }, 'UTC', NOW)).toBeNull()
    expect(syncText(undefined, 'UTC', NOW)).toBeNull()
    expect(
      syncText(live({ days: 0, coveredFrom: null, coveredTo: null, state: 'off' }), 'UTC', NOW),
    ).toBeNull()
  })

  it('gives the time it is synced through in the display zone, with the day when not today', () => {
    const coveredTo = Date.parse('2024-11-19T10:42:30.000Z')
    const sync = { days: 7, coveredFrom: coveredTo - 7 * 86_400_000, coveredTo, state: 'current' }
    expect(syncText(live(sync), 'UTC', NOW)).toBe('Synced through 10:42')
    expect(syncText(live(sync), 'Asia/Kolkata', NOW)).toBe('Synced through 16:12')
    expect(syncText(live(sync), 'UTC', NOW + 86_400_000)).toBe('Synced through Nov 19, 10:42')
  })

  it('says it is syncing while the store fills', () => {
    expect(
      syncText(live({ days: 7, coveredFrom: null, coveredTo: null, state: 'filling' }), 'UTC', NOW),
    ).toBe('Syncing the last 7 days…')
    expect(
      syncText(live({ days: 1, coveredFrom: null, coveredTo: null, state: 'filling' }), 'UTC', NOW),
    ).toBe('Syncing the last day…')
  })

  it('says so when the store is unavailable', () => {
    const sync = { days: 7, coveredFrom: null, coveredTo: null, state: 'current' }
    expect(syncText(live(sync, 'degraded'), 'UTC', NOW)).toMatch(/store is unavailable/)
  })
})
