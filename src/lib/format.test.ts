import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDuration, pluralize } from './format'

describe('format', () => {
  it('words the status count the way CONTRACT.md promises', () => {
    expect(pluralize(1, 'conversation')).toBe('1 conversation')
    expect(pluralize(0, 'conversation')).toBe('0 conversations')
    expect(pluralize(50400, 'conversation')).toBe('50,400 conversations')
  })

  it('shows durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(104)).toBe('1:44')
    expect(formatDuration(3725)).toBe('1:02:05')
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(null)).toBe('')
  })

  it('shows instants in the display zone', () => {
    const ms = Date.UTC(2024, 10, 18, 11, 48, 3)
    expect(formatDateTime(ms, 'Asia/Kolkata')).toBe('2024-11-18 17:18:03')
    expect(formatDateTime(ms, 'America/New_York')).toBe('2024-11-18 06:48:03')
    expect(formatDateTime(null, 'UTC')).toBe('')
  })
})
