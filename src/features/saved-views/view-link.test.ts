// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { loadPrefs, savePrefs } from '../conversations-table/table-prefs'
import { applyViewLink } from './view-link'

const NOW = Date.parse('2024-11-20T15:30:00Z')

beforeEach(() => {
  localStorage.clear()
  window.history.replaceState(null, '', '/')
})

describe('a view link opened', () => {
  it('computes the preset range, writes sort and columns into the table prefs, and leaves a plain URL', () => {
    savePrefs({ ...loadPrefs(), sizing: { start: 250 } })
    window.history.replaceState(
      null,
      '',
      '/?preset=last7d&tz=UTC&channel=Voice&sort=-duration,queue&cols=start,queue#x',
    )
    const length = window.history.length
    expect(applyViewLink(NOW)).toBe(true)
    expect(window.location.search).toBe('?from=2024-11-14&to=2024-11-20&tz=UTC&channel=Voice')
    expect(window.location.hash).toBe('#x')
    expect(window.history.length).toBe(length)
    const prefs = loadPrefs()
    expect(prefs.sorting).toEqual([
      { id: 'duration', desc: true },
      { id: 'queue', desc: false },
    ])
    expect(Object.entries(prefs.visibility).filter(([, shown]) => shown)).toEqual([
      ['start', true],
      ['queue', true],
    ])
    expect(prefs.sizing).toEqual({ start: 250 })
  })

  it('leaves a URL without view parameters, and the prefs, alone', () => {
    window.history.replaceState(null, '', '/?from=2024-11-01&channel=Voice')
    const before = loadPrefs()
    expect(applyViewLink(NOW)).toBe(false)
    expect(window.location.search).toBe('?from=2024-11-01&channel=Voice')
    expect(loadPrefs()).toEqual(before)
  })
})
