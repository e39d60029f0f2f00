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
  return render(<ChartsPanel conversations={conversations} range={range} zone="UTC" />)
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
      ['No disposition', '4'],
      ['Paid', '3'],
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

  it('Agent durations: every agent, with h:mm:ss figures', () => {
    renderPanel()
    expect(tableOf('Agent durations')).toEqual([
      ['Agent', 'Conversations', 'Total handle', 'Average handle', 'Talk', 'Hold', 'After-call work'],
      ['Ann', '3', '11:10', '3:43', '8:10', '1:30', '1:30'], // 670 s over 3 = 223 s
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

  it('shows the key figures with their labels', () => {
    renderPanel()
    const region = screen.getByRole('region', { name: 'Key figures' })
    const value = (label: string) => within(region).getByText(label).nextElementSibling?.textContent
    expect(value('Conversations')).toBe('9')
    expect(value('Handled by bot only')).toBe('22.2%') // 2 of 9
    expect(value('Abandoned')).toBe('2')
    expect(value('Average wait before answer')).toBe('0:25')
    expect(value('Average handle time')).toBe('3:58') // 237.5 s
    expect(value('Average CSAT')).toBe('4')
    expect(region.textContent).toContain('3 rated')
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
    expect(within(region).getByText('Conversations').nextElementSibling?.textContent).toBe('0')
  })
})
