import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Conversation } from '../../api/conversation'
import {
  agentSegment,
  conversation,
  customer,
  directAgent,
  queueVisit,
  sec,
  T0,
} from '../../test/conversation-fixtures'
import { COLUMN_IDS, COLUMN_LABELS, type ColumnKind, type ConversationsColumnMeta, columns } from './columns'
import { ConversationsTable, type ConversationsTableProps } from './conversations-table'
import { PREFS_KEY } from './table-prefs'

// jsdom has no layout: give every element a viewport so the virtualizer renders rows, and let
// scrollTo move scrollTop (and tell listeners) the way a browser would.
const VIEW_HEIGHT = 600
const saved = {
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
  clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
}
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => VIEW_HEIGHT })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 })
  HTMLElement.prototype.scrollTo = function scrollTo(this: HTMLElement, opts?: ScrollToOptions | number) {
    if (typeof opts === 'object' && typeof opts.top === 'number') this.scrollTop = opts.top
    this.dispatchEvent(new Event('scroll'))
  } as typeof HTMLElement.prototype.scrollTo
})
afterAll(() => {
  if (saved.clientHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved.clientHeight)
  if (saved.clientWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', saved.clientWidth)
  Reflect.deleteProperty(HTMLElement.prototype, 'scrollTo')
})
beforeEach(() => localStorage.clear())

/** Six conversations with ties and empties in most columns (input order c1..c6). */
const FIXTURE: Conversation[] = [
  conversation({
    id: 'c1',
    sessionId: 's-b',
    channel: 'voice',
    direction: 'Inbound',
    finalStatus: 'CLOSED',
    smartStatus: 'CLOSED',
    reason: 'RESOLVED',
    disconnectingEvent: 'Agent Hangup',
    isVoicemail: false,
    dispositions: ['Sale'],
    skills: ['English'],
    csatScore: 4,
    customer: customer('émile', '+15550102', 'e@example.com'),
    sessionStartTime: T0 + sec(300),
    endTime: T0 + sec(360), // 1:00
    destinations: [
      queueVisit({
        queueId: 'q10',
        queueName: 'Queue 10',
        enterTime: T0 + sec(301),
        callbackOpted: true,
        respondingAgent: agentSegment({
          agentId: 'a1',
          name: 'Ann',
          acceptedTime: T0 + sec(306), // wait 0:05
          interactionDurationSec: 40,
          holdSec: 10,
          afterCallWorkSec: 20, // handle 1:00
          firstResponseDurationSec: 3,
        }),
      }),
    ],
  }),
  conversation({
    id: 'c2',
    channel: 'Voice',
    direction: 'Outbound',
    finalStatus: 'ABANDONED',
    isVoicemail: true,
    csatScore: 4,
    sessionStartTime: null,
    endTime: T0 + sec(5),
    destinations: [queueVisit({ queueId: 'q2', queueName: 'Queue 2', enterTime: T0 + sec(1) })],
  }),
  conversation({
    id: 'c3',
    sessionId: 's-a',
    channel: 'Web/Mobile Client',
    direction: 'Inbound',
    finalStatus: 'CLOSED',
    smartStatus: 'TERMINATED',
    dispositions: ['Callback'],
    csatScore: 2,
    customer: customer('Zed', null, 'zed@example.com'),
    sessionStartTime: T0 + sec(100),
    endTime: T0 + sec(700), // 10:00
    destinations: [
      queueVisit({
        queueId: 'q2',
        queueName: 'Queue 2',
        enterTime: T0 + sec(110),
        respondingAgent: agentSegment({
          agentId: 'a2',
          name: 'bob',
          acceptedTime: T0 + sec(170), // wait 1:00
          interactionDurationSec: 300,
          holdSec: 0,
        }),
      }),
      directAgent({
        agentId: 'a1',
        name: 'Ann',
        acceptedTime: T0 + sec(480),
        interactionDurationSec: 100,
        firstResponseDurationSec: 8,
      }),
    ],
  }),
  conversation({
    id: 'c4',
    channel: null,
    finalStatus: 'TRANSIENT_OPEN',
    customer: customer('ada'),
    sessionStartTime: T0 + sec(200),
    endTime: null,
    destinations: [directAgent({ agentId: 'a3', name: 'Cy' })],
  }),
  conversation({
    id: 'b5',
    conversationId: null,
    sessionId: 'b5',
    botOnly: true,
    channel: 'Email',
    finalStatus: 'BotResolved',
    smartStatus: 'CLOSED AT BOT',
    sessionStartTime: T0 + sec(100),
    endTime: T0 + sec(111), // 0:11
  }),
  conversation({
    id: 'c6',
    channel: 'email',
    direction: 'Inbound',
    finalStatus: 'closed',
    dispositions: ['sale'],
    csatScore: 5,
    customer: customer(null, '+15550101'),
    sessionStartTime: T0 + sec(400),
    endTime: T0 + sec(460), // 1:00
    destinations: [
      queueVisit({
        queueId: 'qb',
        queueName: 'Billing',
        enterTime: T0 + sec(401),
        respondingAgent: agentSegment({ agentId: 'a2', name: 'bob', acceptedTime: T0 + sec(460) }),
      }),
    ],
  }),
]

function setup(over: Partial<ConversationsTableProps> = {}) {
  const onSelect = vi.fn()
  const props: ConversationsTableProps = {
    conversations: FIXTURE,
    zone: 'UTC',
    hidePersonal: false,
    selectedId: null,
    onSelect,
    ...over,
  }
  const user = userEvent.setup()
  const view = render(<ConversationsTable {...props} />)
  const grid = screen.getByRole('grid', { name: 'Conversations' })
  return { user, onSelect, grid, props, ...view }
}

const bodyRows = (grid: HTMLElement) =>
  within(grid)
    .getAllByRole('row')
    .filter((r) => r.dataset.rowId !== undefined)
const rowIds = (grid: HTMLElement) => bodyRows(grid).map((r) => r.dataset.rowId)
// a header is named by its label, then its resize handle ("Resize column")
const headerName = (label: string) => new RegExp(`^${label}( Resize column)?$`)
const header = (name: string) => screen.getByRole('columnheader', { name: headerName(name) })
const sortButton = (name: string) => within(header(name)).getByRole('button', { name })

// Plain DOM look-ups for the exhaustive sort test (getByRole over 28 headers 56 times is slow in jsdom).
const thByLabel = (grid: HTMLElement, label: string) =>
  [...grid.querySelectorAll('thead th')].find(
    (th) => th.querySelector('.ct-label')?.textContent === label,
  ) as HTMLTableCellElement
const fastRowIds = (grid: HTMLElement) =>
  [...grid.querySelectorAll<HTMLTableRowElement>('tbody tr[data-row-id]')].map((r) => r.dataset.rowId)
function fastColumnTexts(grid: HTMLElement, label: string): string[] {
  const index = thByLabel(grid, label).cellIndex
  return [...grid.querySelectorAll<HTMLTableRowElement>('tbody tr[data-row-id]')].map(
    (r) => r.cells[index]?.textContent ?? '',
  )
}

function columnTexts(grid: HTMLElement, label: string): string[] {
  const index = within(grid).getAllByRole('columnheader').indexOf(header(label))
  return bodyRows(grid).map((r) => (r as HTMLTableRowElement).cells[index]?.textContent ?? '')
}

function allColumnsVisible(sorting: unknown[] = []) {
  const visibility = Object.fromEntries(COLUMN_IDS.map((id) => [id, true]))
  localStorage.setItem(PREFS_KEY, JSON.stringify({ visibility, sorting }))
}

// --- a reference order worked out from what the cells show, independent of the table's code -------

const kindOf = (id: string) =>
  (columns.find((c) => c.id === id)?.meta as ConversationsColumnMeta | undefined)?.kind as ColumnKind

function seconds(text: string): number {
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0)
}

function referenceOrder(ids: string[], texts: string[], kind: ColumnKind, desc: boolean): string[] {
  const key = (t: string): number | string =>
    kind === 'duration'
      ? seconds(t)
      : kind === 'number'
        ? Number(t)
        : kind === 'boolean'
          ? Number(t === 'Yes')
          : t
  const cmp = (a: string, b: string) => {
    const ka = key(a)
    const kb = key(b)
    if (typeof ka === 'number' && typeof kb === 'number') return ka - kb
    if (kind === 'id') return a < b ? -1 : a > b ? 1 : 0
    return a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })
  }
  const order = ids.map((id, i) => ({ id, text: texts[i] as string, i }))
  order.sort((x, y) => {
    const ex = x.text === ''
    const ey = y.text === ''
    if (ex || ey) return ex && ey ? x.i - y.i : ex ? 1 : -1
    const c = cmp(x.text, y.text)
    return c !== 0 ? (desc ? -c : c) : x.i - y.i
  })
  return order.map((o) => o.id)
}

describe('ConversationsTable sorting', () => {
  it('sorts every column both ways, empties last, ties in the incoming order', () => {
    allColumnsVisible()
    const { grid } = setup()
    const inputIds = FIXTURE.map((c) => c.id)
    expect(fastRowIds(grid)).toEqual(inputIds)
    const unsorted = Object.fromEntries(
      COLUMN_IDS.map((id) => [id, fastColumnTexts(grid, COLUMN_LABELS[id])]),
    )
    for (const id of COLUMN_IDS) {
      const label = COLUMN_LABELS[id]
      const texts = unsorted[id] as string[]
      // every column but the identity has an empty cell or a tie to get right
      const tiesOrEmpties =
        texts.includes('') || new Set(texts.map((t) => t.toLowerCase())).size < texts.length
      expect(tiesOrEmpties || id === 'conversation', `${label} has ties or empties`).toBe(true)
      const th = thByLabel(grid, label)
      fireEvent.click(th.querySelector('button') as HTMLButtonElement)
      expect(th.getAttribute('aria-sort'), label).toBe('ascending')
      expect(fastRowIds(grid), `${label} ascending`).toEqual(
        referenceOrder(inputIds, texts, kindOf(id), false),
      )
      fireEvent.click(th.querySelector('button') as HTMLButtonElement)
      expect(th.getAttribute('aria-sort'), label).toBe('descending')
      expect(fastRowIds(grid), `${label} descending`).toEqual(
        referenceOrder(inputIds, texts, kindOf(id), true),
      )
    }
  }, 20_000)

  it('orders the hand-counted columns as expected', async () => {
    allColumnsVisible()
    const { user, grid } = setup()
    await user.click(sortButton('Duration'))
    // 0:11 b5, 1:00 c1 & c6 (a tie: input order), 10:00 c3, then the empty c2 (no start) and c4 (no end)
    expect(rowIds(grid)).toEqual(['b5', 'c1', 'c6', 'c3', 'c2', 'c4'])
    expect(columnTexts(grid, 'Duration')).toEqual(['0:11', '1:00', '1:00', '10:00', '', ''])
    await user.click(sortButton('Duration'))
    expect(rowIds(grid)).toEqual(['c3', 'c1', 'c6', 'b5', 'c2', 'c4'])
    await user.click(sortButton('Channel'))
    // email/Email and voice/Voice tie whatever the case; the empty channel stays last
    expect(columnTexts(grid, 'Channel')).toEqual([
      'Email',
      'email',
      'voice',
      'Voice',
      'Web/Mobile Client',
      '',
    ])
    await user.click(sortButton('Queue'))
    expect(columnTexts(grid, 'Queue')).toEqual(['Billing', 'Queue 2', 'Queue 2', 'Queue 10', '', ''])
    await user.click(sortButton('Queue'))
    expect(columnTexts(grid, 'Queue')).toEqual(['Queue 10', 'Queue 2', 'Queue 2', 'Billing', '', ''])
    await user.click(sortButton('Handle time'))
    expect(columnTexts(grid, 'Handle time')).toEqual(['1:00', '6:40', '', '', '', ''])
  })

  it('toggles aria-sort on click and starts newest first', async () => {
    const { user } = setup()
    expect(header('Start').getAttribute('aria-sort')).toBe('descending')
    expect(header('Duration').getAttribute('aria-sort')).toBe('none')
    await user.click(sortButton('Duration'))
    expect(header('Duration').getAttribute('aria-sort')).toBe('ascending')
    expect(header('Start').getAttribute('aria-sort')).toBe('none')
    await user.click(sortButton('Duration'))
    expect(header('Duration').getAttribute('aria-sort')).toBe('descending')
    await user.click(sortButton('Duration'))
    expect(header('Duration').getAttribute('aria-sort')).toBe('ascending')
  })

  it('adds a second sort with Shift+click', async () => {
    const onSortingChange = vi.fn()
    const { user, grid } = setup({ onSortingChange })
    await user.click(sortButton('Channel'))
    expect(rowIds(grid)).toEqual(['b5', 'c6', 'c1', 'c2', 'c3', 'c4'])
    await user.keyboard('{Shift>}')
    await user.click(sortButton('Duration'))
    expect(header('Channel').getAttribute('aria-sort')).toBe('ascending')
    expect(header('Duration').getAttribute('aria-sort')).toBe('ascending')
    await user.click(sortButton('Duration'))
    await user.keyboard('{/Shift}')
    expect(header('Channel').getAttribute('aria-sort')).toBe('ascending')
    expect(header('Duration').getAttribute('aria-sort')).toBe('descending')
    expect(onSortingChange).toHaveBeenLastCalledWith([
      { id: 'channel', desc: false },
      { id: 'duration', desc: true },
    ])
    // the Email/email tie is now broken by duration, longest first: email (1:00) before Email (0:11);
    // voice (1:00) stays before Voice (no duration: empties last)
    expect(rowIds(grid)).toEqual(['c6', 'b5', 'c1', 'c2', 'c3', 'c4'])
    // a plain click goes back to one sort
    await user.click(sortButton('Duration'))
    expect(header('Channel').getAttribute('aria-sort')).toBe('none')
  })

  it('follows a controlled sort order and reports changes without applying them itself', async () => {
    const onSortingChange = vi.fn()
    const { user, grid, rerender, props } = setup({ sorting: [{ id: 'csat', desc: true }], onSortingChange })
    expect(rowIds(grid)).toEqual(['c6', 'c1', 'c2', 'c3', 'c4', 'b5'])
    await user.click(sortButton('Duration'))
    expect(onSortingChange).toHaveBeenLastCalledWith([{ id: 'duration', desc: false }])
    expect(header('Duration').getAttribute('aria-sort')).toBe('none')
    rerender(<ConversationsTable {...props} sorting={[{ id: 'duration', desc: false }]} />)
    expect(header('Duration').getAttribute('aria-sort')).toBe('ascending')
  })
})

describe('ConversationsTable rendering', () => {
  it('keeps at most 100 rows in the DOM for 5,000 conversations, wherever it is scrolled', async () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      conversation({ id: `c-${i}`, sessionStartTime: T0 + sec(i), endTime: T0 + sec(i + 30) }),
    )
    const { grid, container } = setup({ conversations: many })
    expect(grid.getAttribute('aria-rowcount')).toBe('5001')
    const tbodyRows = () => container.querySelectorAll('tbody tr')
    expect(tbodyRows().length).toBeGreaterThan(10)
    expect(tbodyRows().length).toBeLessThanOrEqual(100)
    const scroller = grid.parentElement as HTMLElement
    await act(async () => scroller.scrollTo({ top: 32 * 2500 }))
    expect(tbodyRows().length).toBeLessThanOrEqual(100)
    // newest first: row 2,500 from the top is c-2499
    expect(rowIds(grid)).toContain('c-2499')
    expect(rowIds(grid)).not.toContain('c-4999')
  })

  it('moves the active row with the keyboard and selects it with Enter', async () => {
    const { user, grid, onSelect } = setup()
    act(() => grid.focus())
    await user.keyboard('{ArrowDown}{Enter}')
    // newest first: c6 (+400 s), then c1 (+300 s)
    expect(rowIds(grid).slice(0, 2)).toEqual(['c6', 'c1'])
    expect(onSelect).toHaveBeenLastCalledWith('c1')
    const active = document.getElementById(grid.getAttribute('aria-activedescendant') ?? '')
    expect(active?.dataset.rowId).toBe('c1')
    // c6, c1, c4 (+200 s), c3 & b5 (+100 s, input order), c2 (no start: last)
    await user.keyboard('{End}{Enter}')
    expect(onSelect).toHaveBeenLastCalledWith('c2')
    await user.keyboard('{Home}{ArrowUp}{Enter}')
    expect(onSelect).toHaveBeenLastCalledWith('c6')
  })

  it('selects a row on click and marks the selected one', async () => {
    const { user, grid, onSelect, rerender, props } = setup({ selectedId: 'c3' })
    const selected = bodyRows(grid).filter((r) => r.getAttribute('aria-selected') === 'true')
    expect(selected.map((r) => r.dataset.rowId)).toEqual(['c3'])
    await user.click(within(grid).getByText('Zed'))
    expect(onSelect).toHaveBeenCalledWith('c3')
    rerender(<ConversationsTable {...props} selectedId="c1" />)
    expect(bodyRows(grid).find((r) => r.getAttribute('aria-selected') === 'true')?.dataset.rowId).toBe('c1')
  })

  it('hides customer data when asked', () => {
    allColumnsVisible()
    const { container, rerender, props } = setup({ hidePersonal: true })
    expect(screen.queryByText('Zed')).toBeNull()
    expect(container.innerHTML).not.toContain('zed@example.com')
    expect(container.innerHTML).not.toContain('+15550101')
    expect(screen.getAllByText('•••').length).toBeGreaterThan(3)
    // and its columns do not sort (their order would give the names away)
    expect(within(header('Customer')).queryByRole('button')).toBeNull()
    rerender(<ConversationsTable {...props} hidePersonal={false} />)
    expect(screen.getByText('Zed')).toBeTruthy()
  })

  it('shows times in the display zone and durations as m:ss', () => {
    setup({ zone: 'Asia/Kolkata' })
    const grid = screen.getByRole('grid', { name: 'Conversations' })
    // T0 + 400 s = 11:54:43Z = 17:24:43 in India
    expect(columnTexts(grid, 'Start')[0]).toBe('2024-11-18 17:24:43')
    expect(columnTexts(grid, 'Wait')).toContain('0:05')
  })

  it('shows the empty message when there is nothing to show', () => {
    setup({ conversations: [], emptyMessage: <span>No conversations match the filters.</span> })
    expect(screen.getByText('No conversations match the filters.')).toBeTruthy()
  })
})

describe('ConversationsTable columns', () => {
  it('hides a column from the chooser and remembers it after a remount', async () => {
    const { user, unmount } = setup()
    expect(header('Channel')).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Columns' }))
    await user.click(screen.getByRole('checkbox', { name: 'Channel' }))
    expect(screen.queryByRole('columnheader', { name: headerName('Channel') })).toBeNull()
    await user.click(screen.getByRole('checkbox', { name: 'CSAT' }))
    expect(header('CSAT')).toBeTruthy()
    unmount()

    const again = setup()
    expect(screen.queryByRole('columnheader', { name: headerName('Channel') })).toBeNull()
    expect(header('CSAT')).toBeTruthy()
    await again.user.click(screen.getByRole('button', { name: 'Columns' }))
    expect((screen.getByRole('checkbox', { name: 'Channel' }) as HTMLInputElement).checked).toBe(false)
    await again.user.click(screen.getByRole('button', { name: 'Reset columns' }))
    expect(header('Channel')).toBeTruthy()
    expect(screen.queryByRole('columnheader', { name: headerName('CSAT') })).toBeNull()
  })

  it('resizes a column from the keyboard and remembers the width', async () => {
    const { user, unmount } = setup()
    const handle = within(header('Queue')).getByRole('separator', { name: 'Resize column' })
    const before = Number(handle.getAttribute('aria-valuenow'))
    handle.focus()
    await user.keyboard('{ArrowRight}{ArrowRight}')
    expect(Number(handle.getAttribute('aria-valuenow'))).toBe(before + 32)
    unmount()
    setup()
    expect(
      Number(
        within(header('Queue'))
          .getByRole('separator', { name: 'Resize column' })
          .getAttribute('aria-valuenow'),
      ),
    ).toBe(before + 32)
  })

  it('survives corrupt storage', () => {
    localStorage.setItem(PREFS_KEY, '{"visibility": nope')
    setup()
    expect(header('Start').getAttribute('aria-sort')).toBe('descending')
    expect(header('Conversation')).toBeTruthy()
  })
})
