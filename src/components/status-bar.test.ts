import { describe, expect, it } from 'vitest'
import { formatTimeLeft, loadingText } from './status-bar'

describe('the progress line', () => {
  it('rounds the time left the way a person says it', () => {
    expect(formatTimeLeft(0)).toBe('less than a minute')
    expect(formatTimeLeft(59_000)).toBe('less than a minute')
    expect(formatTimeLeft(60_000)).toBe('about 1 min')
    expect(formatTimeLeft(89_000)).toBe('about 1 min')
    expect(formatTimeLeft(125_000)).toBe('about 2 min')
    expect(formatTimeLeft(12 * 60_000 + 10_000)).toBe('about 12 min')
    expect(formatTimeLeft(59 * 60_000)).toBe('about 59 min')
    expect(formatTimeLeft(62 * 60_000)).toBe('about 1 h')
    expect(formatTimeLeft(83 * 60_000)).toBe('about 1 h 25 min')
  })

  it('says what has arrived, the time left and why it waits', () => {
    const base = {
      covered: 0.4,
      fetched: 12_345,
      etaMs: null,
      waitingForBudget: false,
      rateLimitPerMinute: 60,
    }
    expect(loadingText(null)).toBe('Loading…')
    expect(loadingText(base)).toBe('Loading… 12,345 so far')
    expect(loadingText({ ...base, etaMs: 120_000 })).toBe('Loading… 12,345 so far · about 2 min left')
    expect(loadingText({ ...base, etaMs: 120_000, waitingForBudget: true })).toBe(
      'Loading… 12,345 so far · about 2 min left — waiting for SmartAssist, which allows 60 requests a minute',
    )
    expect(loadingText({ ...base, waitingForBudget: true, rateLimitPerMinute: null })).toBe(
      'Loading… 12,345 so far — waiting for SmartAssist’s rate budget',
    )
  })

  it('never reads like a count of conversations before the end', () => {
    const text = loadingText({
      covered: 1,
      fetched: 1,
      etaMs: 0,
      waitingForBudget: false,
      rateLimitPerMinute: 60,
    })
    expect(text).not.toMatch(/conversations?$/)
    expect(text).toMatch(/^Loading/)
  })
})
