// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SORTING, DEFAULT_VISIBILITY } from './columns'
import { formatSortParam, parseSortParam } from './sort-param'
import { defaultPrefs, loadPrefs, PREFS_KEY, savePrefs } from './table-prefs'

beforeEach(() => localStorage.clear())

describe('table prefs in localStorage', () => {
  it('starts from the defaults', () => {
    expect(loadPrefs()).toEqual({ visibility: DEFAULT_VISIBILITY, sizing: {}, sorting: DEFAULT_SORTING })
  })

  it('round-trips what was saved', () => {
    const prefs = defaultPrefs()
    prefs.visibility.channel = false
    prefs.visibility.csat = true
    prefs.sizing = { start: 220 }
    prefs.sorting = [
      { id: 'queue', desc: false },
      { id: 'handle', desc: true },
    ]
    savePrefs(prefs)
    expect(loadPrefs()).toEqual(prefs)
  })

  it('tolerates corrupt or foreign content', () => {
    for (const raw of ['not json', '42', 'null', '[]', '{"visibility": "x", "sizing": [1], "sorting": {}}']) {
      localStorage.setItem(PREFS_KEY, raw)
      expect(loadPrefs(), raw).toEqual(defaultPrefs())
    }
  })

  it('keeps what is usable and drops the rest', () => {
    localStorage.setItem(
      PREFS_KEY,
      JSON.stringify({
        visibility: { channel: false, nope: true, csat: 'yes' },
        sizing: { start: 5, queue: 99999, agent: 'wide', gone: 100, handle: 140.4 },
        sorting: [
          { id: 'gone', desc: true },
          { id: 'wait', desc: 'no' },
          { id: 'csat', desc: true },
          { id: 'csat', desc: false },
        ],
      }),
    )
    const prefs = loadPrefs()
    expect(prefs.visibility).toEqual({ ...DEFAULT_VISIBILITY, channel: false })
    expect(prefs.sizing).toEqual({ start: 60, queue: 800, handle: 140 })
    expect(prefs.sorting).toEqual([{ id: 'csat', desc: true }])
  })

  it('never restores a table with every column hidden', () => {
    const none = Object.fromEntries(Object.keys(DEFAULT_VISIBILITY).map((k) => [k, false]))
    localStorage.setItem(PREFS_KEY, JSON.stringify({ visibility: none }))
    expect(loadPrefs().visibility).toEqual(DEFAULT_VISIBILITY)
  })
})

describe('sort URL parameter', () => {
  it('writes and reads -desc,asc lists', () => {
    const sorting = [
      { id: 'start', desc: true },
      { id: 'queue', desc: false },
    ]
    expect(formatSortParam(sorting)).toBe('-start,queue')
    expect(parseSortParam('-start,queue')).toEqual(sorting)
    expect(parseSortParam(' +queue , -start,-start')).toEqual([
      { id: 'queue', desc: false },
      { id: 'start', desc: true },
    ])
  })

  it('answers null when absent or meaningless, [] when explicitly empty', () => {
    expect(parseSortParam(null)).toBeNull()
    expect(parseSortParam('bogus,-nothing')).toBeNull()
    expect(parseSortParam('')).toEqual([])
  })
})
