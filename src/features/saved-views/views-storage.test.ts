// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ViewSetup } from './view-setup'
import {
  addView,
  deleteView,
  loadViews,
  MAX_NAME_LENGTH,
  nameProblem,
  parseViews,
  renameView,
  type SavedView,
  STORAGE_FULL,
  STORAGE_UNAVAILABLE,
  serializeViews,
  storageProblem,
  storeViews,
  VIEWS_KEY,
} from './views-storage'

const SETUP: ViewSetup = {
  filters: [['channel', 'Voice']],
  range: { preset: 'last7d' },
  tz: 'UTC',
  sl: 30,
  compare: true,
  sort: [{ id: 'start', desc: true }],
  cols: ['start', 'channel'],
}

function add(views: SavedView[], name: string, id = name): SavedView[] {
  const result = addView(views, name, SETUP, id, 1_700_000_000_000)
  if (!result.ok) throw new Error(result.error)
  return result.views
}

beforeEach(() => localStorage.clear())
afterEach(() => vi.restoreAllMocks())

describe('saving, listing, renaming, deleting', () => {
  it('round-trips through localStorage under the versioned key', () => {
    const views = add(add([], 'Voice only', 'a'), '  Chat today ', 'b')
    expect(storeViews(views)).toBeNull()
    expect(JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '')).toMatchObject({ version: 1 })
    const loaded = loadViews()
    expect(loaded.map((v) => v.name)).toEqual(['Voice only', 'Chat today'])
    expect(loaded[0]).toEqual({ ...SETUP, id: 'a', name: 'Voice only', savedAt: 1_700_000_000_000 })
  })

  it('refuses an empty, too long or duplicate name (case and spaces ignored)', () => {
    const views = add([], 'Voice only')
    expect(addView(views, '   ', SETUP, 'x', 0)).toEqual({ ok: false, error: 'Give the view a name.' })
    expect(addView(views, 'x'.repeat(MAX_NAME_LENGTH + 1), SETUP, 'x', 0).ok).toBe(false)
    expect(addView(views, ' voice ONLY ', SETUP, 'x', 0)).toEqual({
      ok: false,
      error: 'A view named “Voice only” already exists: choose another name.',
    })
  })

  it('renames: a new name must be free, its own name (another case) is fine', () => {
    const views = add(add([], 'Voice only', 'a'), 'Chat', 'b')
    expect(renameView(views, 'a', 'chat')).toMatchObject({ ok: false })
    expect(renameView(views, 'a', '')).toMatchObject({ ok: false, error: 'Give the view a name.' })
    const renamed = renameView(views, 'a', 'VOICE ONLY')
    expect(renamed.ok && renamed.views.map((v) => v.name)).toEqual(['VOICE ONLY', 'Chat'])
    expect(renameView(views, 'gone', 'x')).toMatchObject({ ok: false })
  })

  it('deletes by id', () => {
    const views = add(add([], 'Voice only', 'a'), 'Chat', 'b')
    const result = deleteView(views, 'a')
    expect(result.ok && result.views.map((v) => v.id)).toEqual(['b'])
  })

  it('nameProblem is null for a free name', () => {
    expect(nameProblem(add([], 'A'), 'B')).toBeNull()
  })
})

describe('what is stored is not trusted', () => {
  it('corrupt JSON, another version or a foreign shape give no views, without throwing', () => {
    for (const raw of [
      'not json',
      '42',
      'null',
      '[]',
      '{"views": "x"}',
      '{"version": 2, "views": []}',
      JSON.stringify({ version: 2, views: [{ id: 'a', name: 'A', range: { preset: 'today' } }] }),
      JSON.stringify([{ id: 'a', name: 'A', range: { preset: 'today' } }]),
    ]) {
      localStorage.setItem(VIEWS_KEY, raw)
      expect(loadViews(), raw).toEqual([])
    }
  })

  it('drops unusable views one at a time and cleans the fields of the others', () => {
    const raw = JSON.stringify({
      version: 1,
      views: [
        null,
        'view',
        { id: '', name: 'no id', range: { preset: 'today' } },
        { id: 'n', name: '  ', range: { preset: 'today' } },
        { id: 'r', name: 'bad range', range: { preset: 'someday' } },
        { id: 'r2', name: 'bad dates', range: { from: 'yesterday' } },
        {
          id: 'ok',
          name: 'Odd but usable',
          range: { from: '2024-11-01', to: 42 },
          filters: [['channel', 'Voice'], ['nope', 'x'], ['queue'], 'q', ['q', 7]],
          tz: 'Mars/Olympus',
          sl: 99999,
          compare: 'yes',
          sort: [{ id: 'queue', desc: false }, { id: 'nope', desc: true }, 'x'],
          cols: ['start', 'nope', 3],
        },
        { id: 'ok', name: 'same id again', range: { preset: 'today' } },
        { id: 'dup', name: 'ODD BUT USABLE', range: { preset: 'today' } },
      ],
    })
    expect(parseViews(raw)).toEqual([
      {
        id: 'ok',
        name: 'Odd but usable',
        savedAt: 0,
        range: { from: '2024-11-01', to: null },
        filters: [['channel', 'Voice']],
        tz: null,
        sl: null,
        compare: false,
        sort: [{ id: 'queue', desc: false }],
        cols: ['start'],
      },
    ])
  })

  it('serialize then parse is the identity', () => {
    const views = add(add([], 'A', 'a'), 'B', 'b')
    expect(parseViews(serializeViews(views))).toEqual(views)
  })
})

describe('storage that fails', () => {
  it('full storage: the save says so, and what was stored stays', () => {
    const views = add([], 'A')
    expect(storeViews(views)).toBeNull()
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError')
    })
    expect(storeViews(add(views, 'B'))).toBe(STORAGE_FULL)
    expect(storageProblem()).toBe(STORAGE_FULL)
    expect(loadViews().map((v) => v.name)).toEqual(['A'])
  })

  it('unavailable storage: reading gives no views, writing says so', () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError')
    })
    expect(loadViews()).toEqual([])
    expect(storeViews(add([], 'A'))).toBe(STORAGE_UNAVAILABLE)
    expect(storageProblem()).toBe(STORAGE_UNAVAILABLE)
  })

  it('a storage that throws on read gives no views', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('broken')
    })
    expect(loadViews()).toEqual([])
  })
})
