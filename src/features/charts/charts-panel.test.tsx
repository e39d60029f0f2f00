import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import type { Conversation } from '../../api/conversation'
import { agent, conversation, direct, T0 } from '../../test/conversation-fixtures'
import { chartConversations } from './chart-fixture'
import { ChartsPanel } from './charts-panel'

const nine = chartConversations()
const range = { start: T0 - 3_600_000, end: T0 + 3_600_000 }

let consoleError: MockInstance
let consoleWarn: MockInstance
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error')
  consoleWarn = vi.spyOn(console, 'warn')
})
afterEach(() => {
  // recharts' size warnings and React's key warnings would be console errors in the browser too
  expect(consoleError).not.toHaveBeenCalled()
  expect(consoleWarn).not.toHaveBeenCalled()
  vi.restoreAllMocks()
})

function renderPanel(conversations: readonly Conversation[] = nine) {
  return render(
    <ChartsPanel
      conversations={conversations}
      range={range}
      zone="UTC"
      serviceLevel={{ sec: 20, problem: null, setSec: () => {} }}
    />,
  )
}

/** The table of the figure named `name`, as rows of cell texts (header row first). */
function tableOf(name: string): string[][] {
  const figure = screen.getByRole('figure', { name })
  const table = within(figure).getByRole('table', { name })
  return within(table)
    .getAllByRole('row')
    .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? ''))
}

describe('ChartsPanel', () => {
  it('names each chart figure and gives its numbers in a table inside it', () => {
    renderPanel()
    for (const name of ['Daily volume', 'Channels', 'Dispositions', 'Agent durations'])
      expect(screen.getByRole('figure', { name })).toBeTruthy()
  })

  it('Dispositions: counts under each disposition, and says which had none', () => {
    renderPanel()
    expect(tableOf('Dispositions')).toEqual([
      ['Disposition', 'Conversations'],
      ['Paid', '3'],
      ['Bot only (no disposition)', '2'],
      ['No disposition', '2'],
      ['Resolved', '2'],
      ['Upsell', '1'],
    ])
    const figure = screen.getByRole('figure', { name: 'Dispositions' })
    expect(figure.textContent).toContain('one with none counts as “No disposition”')
  })

  it('Channels: counts and shares that add up to every conversation passed in', () => {
    renderPanel()
    const [header, ...rows] = tableOf('Channels')
    expect(header).toEqual(['Channel', 'Conversations', 'Share'])
    expect(rows).toEqual([
      ['Voice', '4', '44.4%'],
      ['Web/Mobile Client', '3', '33.3%'],
      ['telegram', '1', '11.1%'],
      ['Unknown channel', '1', '11.1%'],
    ])
    expect(rows.reduce((sum, r) => sum + Number(r[1]), 0)).toBe(nine.length)
  })

  it('Agent durations: every agent with a handled segment, with h:mm:ss figures', () => {
    renderPanel()
    expect(tableOf('Agent durations')).toEqual([
      ['Agent', 'Handled segments', 'Total handle', 'Average handle', 'Talk', 'Hold', 'After-call work'],
      ['Ann', '4', '11:10', '2:48', '8:10', '1:30', '1:30'], // 670 s over 4 segments = 167.5 s
      ['Bob (b1)', '1', '3:40', '3:40', '3:20', '0:00', '0:20'],
      ['Cy External', '1', '1:00', '1:00', '0:50', '0:00', '0:10'],
      ['Bob (b2)', '1', '0:00', '—', '0:00', '0:00', '0:00'],
    ])
  })

  it('lists every agent in the table though the chart shows the top 15', () => {
    const many = Array.from({ length: 17 }, (_, i) =>
      conversation({
        id: `m${i}`,
        destinations: [direct(agent(`u${i}`, `Agent ${i}`, { interactionDurationSec: 60 + i }))],
      }),
    )
    renderPanel(many)
    expect(tableOf('Agent durations')).toHaveLength(1 + 17)
    expect(screen.getByRole('figure', { name: 'Agent durations' }).textContent).toContain(
      'the table lists all 17',
    )
  })

  it('lists every disposition in the table though the chart shows the top 12', () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      conversation({ id: `d${i}`, dispositions: [`D${String(i).padStart(2, '0')}`] }),
    )
    renderPanel(many)
    expect(tableOf('Dispositions')).toHaveLength(1 + 14)
    expect(screen.getByRole('figure', { name: 'Dispositions' }).textContent).toContain(
      'the table lists all 14',
    )
  })

  it('shows the KPI row, each figure with what it is over (counted by hand in chart-fixture.ts)', () => {
    renderPanel()
    const region = screen.getByRole('region', { name: 'Key figures' })
    const card = (label: string) => {
      const dt = within(region).getByText(label)
      return { value: dt.nextElementSibling?.textContent, basis: dt.parentElement?.textContent ?? '' }
    }
    // offered: k1 k2 k3 k4 k8 k9 (k5 is still open, k6 k7 are bot-only)
    expect(card('Offered').value).toBe('6')
    expect(card('Answered').value).toBe('5')
    expect(card('Abandon rate').value).toBe('16.7%') // k4 of 6
    expect(card('Abandon rate').basis).toContain('1 abandoned ÷ 6')
    expect(card('Average speed of answer').value).toBe('0:25') // (20 + 40 + 10 + 30) / 4; k9 has no entry time
    expect(card('Average speed of answer').basis).toContain('over 4 answered queued conversations')
    expect(card('Service level (20 s)').value).toBe('40.0%') // k1, k3 of (4 + 1 abandoned)
    expect(card('Average handle time').value).toBe('3:58') // 950 s over 4 conversations
    expect(card('Average handle time').basis).toContain(
      '2:38 per agent segment (over 6 of 7 handled segments)',
    )
    expect(card('First response').value).toBe('—')
    expect(card('Transfer rate').value).toBe('40.0%') // k3, k8 of 5
    expect(card('Bot containment').value).toBe('22.2%') // k6, k7 of 9
    expect(card('CSAT').value).toBe('4')
    expect(card('CSAT').basis).toContain('over 3 rated records')
  })

  it('"Show as table" shows the table and "Show as chart" goes back', async () => {
    const user = userEvent.setup()
    renderPanel()
    const figure = screen.getByRole('figure', { name: 'Channels' })
    const table = within(figure).getByRole('table', { name: 'Channels' })
    const hidden = (t: HTMLElement) => t.parentElement?.className === 'visually-hidden'
    expect(hidden(table)).toBe(true)
    const toggle = within(figure).getByRole('button', { name: 'Show as table' })
    expect(toggle.getAttribute('aria-pressed')).toBe('false')
    await user.click(toggle)
    expect(hidden(within(figure).getByRole('table', { name: 'Channels' }))).toBe(false)
    const back = within(figure).getByRole('button', { name: 'Show as chart' })
    expect(back.getAttribute('aria-pressed')).toBe('true')
    await user.click(back)
    expect(hidden(within(figure).getByRole('table', { name: 'Channels' }))).toBe(true)
    // the other figures kept their own state
    expect(
      within(screen.getByRole('figure', { name: 'Dispositions' })).getByRole('button', {
        name: 'Show as table',
      }),
    ).toBeTruthy()
  })

  it('says "No conversations" instead of drawing empty charts', () => {
    renderPanel([])
    for (const name of ['Channels', 'Dispositions', 'Agent durations']) {
      const figure = screen.getByRole('figure', { name })
      expect(within(figure).getByText('No conversations')).toBeTruthy()
      expect(within(figure).queryByRole('button', { name: 'Show as table' })).toBeNull()
    }
    const region = screen.getByRole('region', { name: 'Key figures' })
    expect(within(region).getByText('Offered').nextElementSibling?.textContent).toBe('0')
    expect(within(region).getByText('Abandon rate').nextElementSibling?.textContent).toBe('—')
  })
})
