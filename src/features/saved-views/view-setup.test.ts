import { describe, expect, it } from 'vitest'
import { DEFAULT_VISIBILITY } from '../conversations-table/columns'
import { defaultPrefs, type TablePrefs } from '../conversations-table/table-prefs'
import {
  captureSetup,
  describeSetup,
  prefsWithView,
  presetOf,
  resolveViewLink,
  setupToLinkParams,
  setupToPageParams,
  type ViewSetup,
} from './view-setup'

// Wednesday 2024-11-20 15:30 UTC
const NOW = Date.parse('2024-11-20T15:30:00Z')
const TOMORROW = Date.parse('2024-11-21T09:00:00Z')
const params = (query: string) => new URLSearchParams(query)

function prefs(change?: (p: TablePrefs) => void): TablePrefs {
  const p = defaultPrefs()
  change?.(p)
  return p
}

function capture(query: string, p = prefs()): ViewSetup {
  const result = captureSetup(params(query), p, NOW, 'UTC')
  if (!result.ok) throw new Error(result.error)
  return result.setup
}

describe('capturing the page as a view', () => {
  it('a range that is a relative preset is kept as the preset', () => {
    expect(capture('from=2024-11-14&to=2024-11-20&tz=UTC').range).toEqual({ preset: 'last7d' })
    expect(capture('from=2024-11-19&tz=UTC').range).toEqual({ preset: 'yesterday' })
    expect(capture('from=2024-11-18&to=2024-11-20&tz=UTC').range).toEqual({ preset: 'thisWeek' })
    // no range in the URL is the page's default, the last 7 days
    expect(capture('').range).toEqual({ preset: 'last7d' })
  })

  it('"Last 24 hours" set a while ago is still that preset', () => {
    const setAt = NOW - 20 * 60_000
    const p = params('from=2024-11-19T15:10:00&to=2024-11-20T15:10:00&tz=UTC')
    expect(presetOf({ start: setAt - 86_400_000, end: setAt }, NOW, 'UTC')).toBe('last24h')
    const result = captureSetup(p, prefs(), NOW, 'UTC')
    expect(result.ok && result.setup.range).toEqual({ preset: 'last24h' })
  })

  it('an absolute range is kept as its dates', () => {
    expect(capture('from=2024-11-01&to=2024-11-03&tz=UTC').range).toEqual({
      from: '2024-11-01',
      to: '2024-11-03',
    })
    expect(capture('from=2024-11-02&tz=UTC').range).toEqual({ from: '2024-11-02', to: null })
    expect(capture('from=2024-11-01T08:00&to=2024-11-01T17:00&tz=UTC').range).toEqual({
      from: '2024-11-01T08:00:00',
      to: '2024-11-01T17:00:00',
    })
  })

  it('filters, zone, sl, compare, sort and visible columns', () => {
    const setup = capture(
      'from=2024-11-01&tz=Europe/Paris&channel=Voice&channel=Chat&status=abandoned&handled=bot&q=refund&sl=30&compare=1&conversation=abc',
      prefs((p) => {
        p.sorting = [
          { id: 'duration', desc: true },
          { id: 'queue', desc: false },
        ]
        p.visibility = { ...DEFAULT_VISIBILITY, agent: false, direction: true }
      }),
    )
    expect(setup.filters).toEqual([
      ['channel', 'Voice'],
      ['channel', 'Chat'],
      ['status', 'abandoned'],
      ['handled', 'bot'],
      ['q', 'refund'],
    ])
    expect(setup.tz).toBe('Europe/Paris')
    expect(setup.sl).toBe(30)
    expect(setup.compare).toBe(true)
    expect(setup.sort).toEqual([
      { id: 'duration', desc: true },
      { id: 'queue', desc: false },
    ])
    expect(setup.cols).toContain('direction')
    expect(setup.cols).not.toContain('agent')
    expect(setup.cols?.[0]).toBe('start')
  })

  it('the zone is always named (the browser one when the URL has none); a bad or default sl is left out', () => {
    const result = captureSetup(params('sl=abc'), prefs(), NOW, 'America/New_York')
    expect(result.ok && result.setup.tz).toBe('America/New_York')
    expect(result.ok && result.setup.sl).toBeNull()
    expect(capture('sl=20').sl).toBeNull()
  })

  it('an invalid range cannot be saved', () => {
    const result = captureSetup(params('from=2024-11-01&to=2024-11-20'), prefs(), NOW, 'UTC')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toMatch(/not valid.*7 days/)
  })
})

describe('a view into the page URL (Apply)', () => {
  it('a relative preset gives the range at the moment it is applied', () => {
    const setup = capture('from=2024-11-14&to=2024-11-20&tz=UTC&channel=Voice')
    expect(setupToPageParams(setup, params(''), NOW, 'UTC').toString()).toBe(
      'from=2024-11-14&to=2024-11-20&tz=UTC&channel=Voice',
    )
    // tomorrow, "Last 7 days" is tomorrow's last 7 days
    expect(setupToPageParams(setup, params(''), TOMORROW, 'UTC').toString()).toBe(
      'from=2024-11-15&to=2024-11-21&tz=UTC&channel=Voice',
    )
  })

  it('an absolute range stays on its dates', () => {
    const setup = capture('from=2024-11-01&to=2024-11-03&tz=UTC')
    expect(setupToPageParams(setup, params(''), TOMORROW, 'UTC').get('from')).toBe('2024-11-01')
    expect(setupToPageParams(setup, params(''), TOMORROW, 'UTC').get('to')).toBe('2024-11-03')
  })

  it('the view replaces every parameter it decides, keeps the others, closes the drawer', () => {
    const setup = capture('from=2024-11-01&tz=UTC&sl=45')
    const next = setupToPageParams(
      setup,
      params('from=2024-10-01&to=2024-10-02&channel=Chat&q=x&sl=10&compare=1&conversation=c1&other=kept'),
      NOW,
      'UTC',
    )
    expect(next.toString()).toBe('other=kept&from=2024-11-01&tz=UTC&sl=45')
  })

  it('a preset is computed in the view zone', () => {
    const setup: ViewSetup = { ...capture(''), range: { preset: 'today' }, tz: 'Pacific/Auckland' }
    // 15:30 UTC on the 20th is already the 21st in Auckland
    expect(setupToPageParams(setup, params(''), NOW, 'UTC').get('from')).toBe('2024-11-21')
  })
})

describe('a view as a link, and a link opened', () => {
  const setup = capture(
    'from=2024-11-14&to=2024-11-20&tz=UTC&channel=Voice&sl=30&compare=1',
    prefs((p) => {
      p.sorting = [{ id: 'duration', desc: true }]
      p.visibility = { start: true, channel: true, queue: true }
    }),
  )

  it('a relative range is preset=, with sort= and cols=', () => {
    const link = setupToLinkParams(setup)
    expect(link.get('preset')).toBe('last7d')
    expect(link.has('from')).toBe(false)
    expect(link.getAll('channel')).toEqual(['Voice'])
    expect(link.get('tz')).toBe('UTC')
    expect(link.get('sl')).toBe('30')
    expect(link.get('compare')).toBe('1')
    expect(link.get('sort')).toBe('-duration')
    expect(link.get('cols')).toBe('start,channel,queue')
  })

  it('an absolute range is from/to, no preset', () => {
    const link = setupToLinkParams(capture('from=2024-11-01&to=2024-11-03&tz=UTC'))
    expect(link.get('from')).toBe('2024-11-01')
    expect(link.get('to')).toBe('2024-11-03')
    expect(link.has('preset')).toBe(false)
  })

  it('opening the link: preset becomes the range of the day it is opened; sort and cols go to the table', () => {
    const resolved = resolveViewLink(`?${setupToLinkParams(setup)}`, TOMORROW, 'Europe/Paris')
    expect(resolved?.search).toBe('?from=2024-11-15&to=2024-11-21&tz=UTC&channel=Voice&sl=30&compare=1')
    expect(resolved?.sort).toEqual([{ id: 'duration', desc: true }])
    expect(resolved?.cols).toEqual(['start', 'channel', 'queue'])
  })

  it('a preset with from/to in the link: the preset wins; an unknown preset is dropped, the range kept', () => {
    expect(resolveViewLink('?preset=yesterday&from=2020-01-01&tz=UTC', NOW, 'UTC')?.search).toBe(
      '?from=2024-11-19&tz=UTC',
    )
    expect(resolveViewLink('?preset=nextYear&from=2024-11-01', NOW, 'UTC')?.search).toBe('?from=2024-11-01')
  })

  it('the link zone, else the browser one, decides the preset days; a bad tz stays for the page to report', () => {
    expect(resolveViewLink('?preset=today', NOW, 'Pacific/Auckland')?.search).toBe('?from=2024-11-21')
    expect(resolveViewLink('?preset=today&tz=Nowhere/City', NOW, 'UTC')?.search).toBe(
      '?from=2024-11-20&tz=Nowhere%2FCity',
    )
  })

  it('unknown columns and sorts are ignored; a link without view parameters is left alone', () => {
    const resolved = resolveViewLink('?sort=nope&cols=nope,,queue', NOW, 'UTC')
    expect(resolved).toEqual({ search: '', sort: null, cols: ['queue'] })
    expect(resolveViewLink('?cols=nope', NOW, 'UTC')?.cols).toBeNull()
    expect(resolveViewLink('?from=2024-11-01&channel=Voice', NOW, 'UTC')).toBeNull()
  })
})

describe('the table prefs a view writes', () => {
  it('sets visibility and sort, keeps widths; the same object when nothing changes', () => {
    const before = prefs((p) => {
      p.sizing = { start: 300 }
    })
    const after = prefsWithView(before, { sort: [{ id: 'queue', desc: false }], cols: ['start', 'queue'] })
    expect(after.sizing).toEqual({ start: 300 })
    expect(after.sorting).toEqual([{ id: 'queue', desc: false }])
    expect(Object.entries(after.visibility).filter(([, v]) => v)).toEqual([
      ['start', true],
      ['queue', true],
    ])
    expect(prefsWithView(after, { sort: [{ id: 'queue', desc: false }], cols: ['queue', 'start'] })).toBe(
      after,
    )
    expect(prefsWithView(before, { sort: null, cols: null })).toBe(before)
  })
})

describe('describing a view', () => {
  it('says the range, filters, zone, sl and compare', () => {
    expect(
      describeSetup(capture('from=2024-11-14&to=2024-11-20&tz=UTC&channel=Voice&channel=Chat&sl=30')),
    ).toBe('Last 7 days · Channel: Voice, Chat · UTC · Service level 30 s')
    expect(describeSetup(capture('from=2024-11-01&to=2024-11-03&tz=UTC&q=refund&compare=1'))).toBe(
      '2024-11-01 – 2024-11-03 · Search: “refund” · UTC · Compared with the period before',
    )
    expect(describeSetup(capture('from=2024-11-02&tz=UTC'))).toBe('2024-11-02 · No filters · UTC')
  })
})
