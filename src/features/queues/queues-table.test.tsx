import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { agent, conversation, queue, sec, T0 } from '../../test/conversation-fixtures'
import { QueuesTable } from './queues-table'

const answeredIn = (id: string, q: string, name: string, wait: number) =>
  conversation({
    id,
    destinations: [
      queue(q, name, agent('a1', 'Ann', { acceptedTime: T0 + sec(wait), interactionDurationSec: 60 }), {
        enterTime: T0,
      }),
    ],
  })
const abandonedIn = (id: string, q: string, name: string) =>
  conversation({
    id,
    disconnectingEvent: 'User Hangup',
    destinations: [queue(q, name, null, { enterTime: T0 })],
  })

const rows = [
  answeredIn('c1', 'q-b', 'Billing', 10),
  answeredIn('c2', 'q-b', 'Billing', 40),
  abandonedIn('c3', 'q-b', 'Billing'),
  answeredIn('c4', 'q-s', 'Sales', 5),
  abandonedIn('c5', 'q-s', 'Sales'),
  abandonedIn('c6', 'q-s', 'Sales'),
  abandonedIn('c7', 'q-s', 'Sales'),
]

const cells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.replace(/[▲▼]/g, '').trim()))

describe('QueuesTable', () => {
  it('lists each queue with its figures, most offered first, and sorts by a column', async () => {
    render(<QueuesTable conversations={rows} serviceLevelSec={20} selected={[]} onToggle={() => {}} />)
    const table = screen.getByRole('table', { name: 'Queues' })
    const [head, first, second] = cells(table)
    expect(head?.slice(0, 4)).toEqual(['Queue', 'Offered', 'Answered', 'Abandoned'])
    expect(first?.slice(0, 7)).toEqual(['Sales', '4', '1', '3', '0', '0', '75.0%'])
    // Billing: SL = 1 within 20 s ÷ (2 known + 1 abandoned)
    expect(second).toEqual(['Billing', '3', '2', '1', '0', '0', '33.3%', '0:25', '33.3%', '1:00'])
    expect(
      within(table)
        .getByRole('columnheader', { name: /Offered/ })
        .getAttribute('aria-sort'),
    ).toBe('descending')

    await userEvent.setup().click(within(table).getByRole('button', { name: /Abandon rate/ }))
    expect(cells(table)[1]?.[0]).toBe('Sales') // 75% first: a figure sorts high first
    await userEvent.setup().click(within(table).getByRole('button', { name: /Abandon rate/ }))
    expect(cells(table)[1]?.[0]).toBe('Billing')
  })

  it('filters the page to a queue by click or keyboard; the filtered queue is pressed', async () => {
    const onToggle = vi.fn<(key: string) => void>()
    const user = userEvent.setup()
    const { rerender } = render(
      <QueuesTable conversations={rows} serviceLevelSec={20} selected={[]} onToggle={onToggle} />,
    )
    await user.click(screen.getByRole('button', { name: 'Billing' }))
    expect(onToggle).toHaveBeenLastCalledWith('q-b')
    screen.getByRole('button', { name: 'Sales' }).focus()
    await user.keyboard('{Enter}')
    expect(onToggle).toHaveBeenLastCalledWith('q-s')
    rerender(<QueuesTable conversations={rows} serviceLevelSec={20} selected={['q-s']} onToggle={onToggle} />)
    expect(screen.getByRole('button', { name: 'Sales' }).getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByRole('button', { name: 'Billing' }).getAttribute('aria-pressed')).toBe('false')
  })
})
