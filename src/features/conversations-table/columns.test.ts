import { constructTable, createSortedRowModel, type SortingState, tableFeatures } from '@tanstack/table-core'
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings'
import { describe, expect, it } from 'vitest'
import { conversation } from '../../test/conversation-fixtures'
import { COLUMN_IDS, COLUMN_LABELS, columns, csvColumnsFor, DEFAULT_VISIBILITY, features } from './columns'
import type { ConversationRow } from './row-model'
import { compareValues } from './sorted-row-model'

function row(id: string, over: Partial<ConversationRow> = {}): ConversationRow {
  return {
    id,
    conversationId: id,
    sessionId: null,
    startTime: null,
    durationSec: null,
    channel: null,
    direction: null,
    queues: null,
    queueIds: [],
    agents: null,
    finalStatus: null,
    smartStatus: null,
    reason: null,
    disconnectingEvent: null,
    dispositions: null,
    waitSec: null,
    firstResponseSec: null,
    handleSec: null,
    holdSec: null,
    agentCount: 0,
    transfers: 0,
    consults: 0,
    callback: false,
    voicemail: null,
    csat: null,
    skills: null,
    customerName: null,
    customerPhone: null,
    customerEmail: null,
    botOnly: false,
    ...over,
  }
}

// Ties and empties in every column that can be empty.
const ROWS: ConversationRow[] = [
  row('r1', {
    startTime: 3000,
    durationSec: 60,
    channel: 'voice',
    queues: 'Queue 10',
    waitSec: 5,
    csat: 4,
    callback: true,
    customerName: 'émile',
  }),
  row('r2', { startTime: null, durationSec: 5, channel: 'Voice', queues: 'Queue 2', waitSec: null, csat: 4 }),
  row('r3', {
    startTime: 1000,
    durationSec: null,
    channel: 'Web/Mobile Client',
    queues: null,
    waitSec: 5,
    csat: 2,
    customerName: 'Zed',
  }),
  row('r4', {
    startTime: 2000,
    durationSec: 60,
    channel: null,
    queues: 'queue 2',
    waitSec: 0,
    csat: null,
    callback: true,
    customerName: 'ada',
  }),
  row('r5', { startTime: 1000, durationSec: 600, channel: 'Email', queues: 'Billing', waitSec: 90, csat: 5 }),
]

type AnyFeatures = typeof features
const stockFeatures = tableFeatures({ ...features, sortedRowModel: createSortedRowModel() }) as AnyFeatures

function sortedIds(sorting: SortingState, f: AnyFeatures = features, data = ROWS): string[] {
  const table = constructTable({
    features: { ...f, coreReactivityFeature: storeReactivityBindings() } as AnyFeatures,
    columns,
    data,
    getRowId: (r) => r.id,
    initialState: { sorting },
  })
  return table.getRowModel().rows.map((r) => r.id)
}

describe('column sorting (keyed sorted row model)', () => {
  it('sorts times and durations numerically, empties last both ways, ties in input order', () => {
    expect(sortedIds([{ id: 'start', desc: false }])).toEqual(['r3', 'r5', 'r4', 'r1', 'r2'])
    expect(sortedIds([{ id: 'start', desc: true }])).toEqual(['r1', 'r4', 'r3', 'r5', 'r2'])
    expect(sortedIds([{ id: 'duration', desc: false }])).toEqual(['r2', 'r1', 'r4', 'r5', 'r3'])
    expect(sortedIds([{ id: 'duration', desc: true }])).toEqual(['r5', 'r1', 'r4', 'r2', 'r3'])
    expect(sortedIds([{ id: 'wait', desc: false }])).toEqual(['r4', 'r1', 'r3', 'r5', 'r2'])
    expect(sortedIds([{ id: 'wait', desc: true }])).toEqual(['r5', 'r1', 'r3', 'r4', 'r2'])
  })

  it('sorts numbers numerically with empties last', () => {
    expect(sortedIds([{ id: 'csat', desc: false }])).toEqual(['r3', 'r1', 'r2', 'r5', 'r4'])
    expect(sortedIds([{ id: 'csat', desc: true }])).toEqual(['r5', 'r1', 'r2', 'r3', 'r4'])
  })

  it('sorts text locale-aware and case-insensitive, digits by value, empties last', () => {
    // voice and Voice tie (input order kept); Email < voice < Web/Mobile Client
    expect(sortedIds([{ id: 'channel', desc: false }])).toEqual(['r5', 'r1', 'r2', 'r3', 'r4'])
    expect(sortedIds([{ id: 'channel', desc: true }])).toEqual(['r3', 'r1', 'r2', 'r5', 'r4'])
    // Billing < Queue 2 = queue 2 < Queue 10
    expect(sortedIds([{ id: 'queue', desc: false }])).toEqual(['r5', 'r2', 'r4', 'r1', 'r3'])
    expect(sortedIds([{ id: 'queue', desc: true }])).toEqual(['r1', 'r2', 'r4', 'r5', 'r3'])
    // ada < émile < Zed (accents and case do not push é after Z)
    expect(sortedIds([{ id: 'customer', desc: false }])).toEqual(['r4', 'r1', 'r3', 'r2', 'r5'])
    expect(sortedIds([{ id: 'customer', desc: true }])).toEqual(['r3', 'r1', 'r4', 'r2', 'r5'])
  })

  it('sorts booleans No before Yes', () => {
    expect(sortedIds([{ id: 'callback', desc: false }])).toEqual(['r2', 'r3', 'r5', 'r1', 'r4'])
    expect(sortedIds([{ id: 'callback', desc: true }])).toEqual(['r1', 'r4', 'r2', 'r3', 'r5'])
  })

  it('multi-sorts: the second column orders the first one’s ties', () => {
    expect(
      sortedIds([
        { id: 'duration', desc: true },
        { id: 'start', desc: false },
      ]),
    ).toEqual(['r5', 'r4', 'r1', 'r2', 'r3'])
    expect(
      sortedIds([
        { id: 'csat', desc: true },
        { id: 'start', desc: true },
      ]),
    ).toEqual(['r5', 'r1', 'r2', 'r3', 'r4'])
  })

  it('orders every column exactly as the stock row model with the columns’ sortFns does', () => {
    const wide = [
      ...ROWS,
      row('r6', { agents: 'Bob', agentCount: 2, transfers: 1, holdSec: 3 }),
      row('r7', { agents: 'alice', agentCount: 1, consults: 2, botOnly: true, voicemail: true, holdSec: 0 }),
      row('r8', { agents: 'Alice', voicemail: false, sessionId: 'b1', skills: 'English', holdSec: 30 }),
      row('R9', { sessionId: 'A1', handleSec: 12, firstResponseSec: 3, dispositions: 'Sale' }),
    ]
    for (const id of COLUMN_IDS) {
      for (const desc of [false, true]) {
        const sorting = [{ id, desc }]
        expect(sortedIds(sorting, features, wide), `${id} ${desc ? 'desc' : 'asc'}`).toEqual(
          sortedIds(sorting, stockFeatures, wide),
        )
      }
    }
  })
})

describe('compareValues', () => {
  it('puts empty values after everything else in ascending order', () => {
    expect(compareValues('number', undefined, 1)).toBe(1)
    expect(compareValues('number', 1, undefined)).toBe(-1)
    expect(compareValues('text', undefined, undefined)).toBe(0)
    expect(compareValues('number', Number.NaN, 0)).toBe(1)
  })

  it('compares ids by code unit, text by the locale', () => {
    expect(compareValues('id', 'c-10', 'c-9')).toBeLessThan(0)
    expect(compareValues('text', 'c-10', 'c-9')).toBeGreaterThan(0)
    expect(compareValues('text', 'Voice', 'voice')).toBe(0)
  })
})

describe('column set', () => {
  it('shows the everyday columns by default and keeps the rest in the chooser', () => {
    const visible = COLUMN_IDS.filter((id) => DEFAULT_VISIBILITY[id])
    expect(visible).toEqual([
      'start',
      'duration',
      'channel',
      'queue',
      'agent',
      'finalStatus',
      'disposition',
      'wait',
      'handle',
      'customer',
      'conversation',
    ])
    expect(COLUMN_IDS.length).toBeGreaterThan(visible.length + 10)
  })

  it('labels every column in words', () => {
    for (const id of COLUMN_IDS) expect(COLUMN_LABELS[id]).toMatch(/^[A-Z][A-Za-z]*( [A-Za-z]+)*$/)
    expect(columns).toHaveLength(COLUMN_IDS.length)
  })
})

describe('the export follows the columns shown', () => {
  it('writes the shown columns in order: times with the zone offset, durations in whole seconds', () => {
    const c = conversation({
      id: 'c-1',
      channel: 'Voice',
      sessionStartTime: Date.parse('2024-11-18T11:48:03Z'),
      endTime: Date.parse('2024-11-18T11:50:47.600Z'),
    })
    const cols = csvColumnsFor(['conversation', 'start', 'duration', 'channel', 'no-such-column'])
    expect(cols.map((col) => col.header)).toEqual(['Conversation', 'Start', 'Duration (s)', 'Channel'])
    expect(cols.map((col) => col.value(c, { zone: 'Asia/Kolkata' }))).toEqual([
      'c-1',
      '2024-11-18T17:18:03+05:30',
      165,
      'Voice',
    ])
  })
})
