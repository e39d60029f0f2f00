import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import type { Conversation } from '../../api/conversation'
import { conversation, fixtureConversations, queue } from '../../test/conversation-fixtures'
import { FilterBar } from './filter-bar'
import { FilterChips, NoMatches } from './filter-chips'
import { type ConversationFilters, EMPTY_FILTERS } from './filters'

const all = fixtureConversations()
const checked = (el: HTMLElement) => (el as HTMLInputElement).checked
const f = (more: Partial<ConversationFilters>): ConversationFilters => ({ ...EMPTY_FILTERS, ...more })

function renderBar(filters = EMPTY_FILTERS, conversations: Conversation[] = all) {
  const onChange = vi.fn<(next: ConversationFilters) => void>()
  const user = userEvent.setup()
  const view = render(<FilterBar conversations={conversations} filters={filters} onChange={onChange} />)
  return { onChange, user, ...view }
}

describe('FilterBar', () => {
  it('labels the Channel and Queue controls, options named "<value> <count>"', () => {
    renderBar()
    const channel = screen.getByRole('group', { name: 'Channel' })
    expect(screen.getByLabelText('Channel')).toBe(channel)
    const names = ['Voice 6', 'Web/Mobile Client 4', 'System Mail 1', 'telegram 1']
    // getByRole with an exact name checks the accessible name itself; the order is by count
    const boxes = names.map((name) => within(channel).getByRole('checkbox', { name }))
    expect(within(channel).getAllByRole('checkbox')).toEqual(boxes)
    expect(boxes.map(checked)).toEqual([false, false, false, false])
    const queueGroup = screen.getByRole('group', { name: 'Queue' })
    expect(screen.getByLabelText('Queue')).toBe(queueGroup)
    expect(within(queueGroup).getByRole('checkbox', { name: /^Billing/ })).toBe(
      within(queueGroup).getByRole('checkbox', { name: 'Billing 4' }),
    )
  })

  it('calls onChange with channels ["Voice"] when Voice is checked', async () => {
    const { onChange, user } = renderBar()
    await user.click(screen.getByRole('checkbox', { name: /^Voice/ }))
    expect(onChange).toHaveBeenCalledWith({ ...EMPTY_FILTERS, channels: ['Voice'] })
  })

  it('adds to and removes from a selection; queues by id', async () => {
    const { onChange, user } = renderBar(f({ channels: ['Voice'], queues: ['q-bill'] }))
    // under queue Billing, telegram has no conversation: it is not offered
    expect(screen.queryByRole('checkbox', { name: /^telegram/ })).toBeNull()
    await user.click(screen.getByRole('checkbox', { name: 'Web/Mobile Client 1' }))
    expect(onChange).toHaveBeenLastCalledWith(
      f({ channels: ['Voice', 'Web/Mobile Client'], queues: ['q-bill'] }),
    )
    await user.click(screen.getByRole('checkbox', { name: /^Billing/ }))
    expect(onChange).toHaveBeenLastCalledWith(f({ channels: ['Voice'], queues: [] }))
  })

  it('keeps the order values were picked in', async () => {
    const { onChange, user } = renderBar(f({ channels: ['telegram', 'Voice'] }))
    await user.click(screen.getByRole('checkbox', { name: /^Web\/Mobile Client/ }))
    expect(onChange).toHaveBeenLastCalledWith(f({ channels: ['telegram', 'Voice', 'Web/Mobile Client'] }))
  })

  it('shows counts faceted by the other filters, in en-US format', () => {
    const many = Array.from({ length: 1234 }, (_, i) =>
      conversation({ conversationId: `v${i}`, channel: 'Voice', destinations: [queue('q-1', 'Main')] }),
    )
    renderBar(f({ channels: ['Voice'] }), [...many, ...all])
    expect(checked(screen.getByRole('checkbox', { name: 'Voice 1,240' }))).toBe(true)
    expect(checked(screen.getByRole('checkbox', { name: 'Main 1,234' }))).toBe(false)
  })

  it('gives a long list a filter-as-you-type box', async () => {
    const queues = Array.from({ length: 30 }, (_, i) =>
      conversation({
        conversationId: `q${i}`,
        channel: 'Voice',
        destinations: [queue(`q-${i}`, `Queue ${i + 1}`)],
      }),
    )
    const { user } = renderBar(EMPTY_FILTERS, queues)
    const group = screen.getByRole('group', { name: 'Queue' })
    expect(within(group).getAllByRole('checkbox')).toHaveLength(30)
    await user.type(within(group).getByRole('searchbox', { name: 'Find in list' }), 'queue 2')
    expect(
      within(group)
        .getAllByRole('checkbox')
        .map((c) => c.closest('label')?.textContent),
    ).toEqual([
      'Queue 2 1',
      'Queue 20 1',
      'Queue 21 1',
      'Queue 22 1',
      'Queue 23 1',
      'Queue 24 1',
      'Queue 25 1',
      'Queue 26 1',
      'Queue 27 1',
      'Queue 28 1',
      'Queue 29 1',
    ])
  })

  it('opens the Agent dropdown and picks an agent by id', async () => {
    const { onChange, user } = renderBar()
    expect(screen.queryByRole('group', { name: 'Agent' })).toBeNull()
    await user.click(screen.getByRole('button', { name: /^Agent/ }))
    const group = screen.getByRole('group', { name: 'Agent' })
    await user.click(within(group).getByRole('checkbox', { name: 'Ada Agent 4' }))
    expect(onChange).toHaveBeenLastCalledWith(f({ agents: ['u-ada'] }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('group', { name: 'Agent' })).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /^Agent/ }))
  })

  it('switches "Handled by" with counts', async () => {
    const { onChange, user } = renderBar()
    const group = screen.getByRole('radiogroup', { name: 'Handled by' })
    expect(checked(within(group).getByRole('radio', { name: 'All 12' }))).toBe(true)
    await user.click(within(group).getByRole('radio', { name: 'Bot only 3' }))
    expect(onChange).toHaveBeenLastCalledWith(f({ handledBy: 'bot' }))
    expect(within(group).getByRole('radio', { name: 'Reached a queue or agent 9' })).toBeTruthy()
  })

  it('sends the search once typing pauses, or at once on Enter', async () => {
    const { onChange, user } = renderBar()
    const box = screen.getByRole('searchbox', { name: 'Search customer, ids, remarks' })
    await user.type(box, 'jane{Enter}')
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenLastCalledWith(f({ text: 'jane' }))
  })

  it('debounces the search', async () => {
    const { onChange, user } = renderBar()
    await user.type(screen.getByRole('searchbox', { name: 'Search customer, ids, remarks' }), 'refund')
    expect(onChange).not.toHaveBeenCalled()
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith(f({ text: 'refund' })))
    expect(onChange).toHaveBeenCalledTimes(1)
  })
})

describe('FilterChips', () => {
  const active = f({
    channels: ['Voice', 'telegram'],
    queues: ['q-bill'],
    handledBy: 'human',
    text: 'refund',
  })

  it('shows one removable chip per active value, queues by name', async () => {
    const onChange = vi.fn()
    const user = userEvent.setup()
    render(<FilterChips filters={active} onChange={onChange} conversations={all} />)
    const list = screen.getByRole('list', { name: 'Active filters' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.chip-label')?.textContent),
    ).toEqual([
      'Channel: Voice',
      'Channel: telegram',
      'Queue: Billing',
      'Handled by: Reached a queue or agent',
      'Search: refund',
    ])
    await user.click(screen.getByRole('button', { name: 'Remove Channel: Voice' }))
    expect(onChange).toHaveBeenLastCalledWith({ ...active, channels: ['telegram'] })
    await user.click(screen.getByRole('button', { name: 'Remove Queue: Billing' }))
    expect(onChange).toHaveBeenLastCalledWith({ ...active, queues: [] })
    await user.click(screen.getByRole('button', { name: 'Remove Search: refund' }))
    expect(onChange).toHaveBeenLastCalledWith({ ...active, text: '' })
  })

  it('leaves the Channel and Queue labels unique while chips name them', () => {
    render(
      <>
        <FilterBar conversations={all} filters={active} onChange={() => {}} />
        <FilterChips filters={active} onChange={() => {}} conversations={all} />
      </>,
    )
    expect(screen.getAllByLabelText(/channel/i)).toEqual([screen.getByRole('group', { name: 'Channel' })])
    // exact only: queue names ("Default Queue") and "Reached a queue or agent" contain the word
    expect(screen.getAllByLabelText('Queue')).toEqual([screen.getByRole('group', { name: 'Queue' })])
    expect(screen.getAllByRole('group', { name: /queue/i })).toEqual([
      screen.getByRole('group', { name: 'Queue' }),
    ])
  })

  it('clears all filters', async () => {
    const onChange = vi.fn()
    const user = userEvent.setup()
    render(<FilterChips filters={active} onChange={onChange} conversations={all} />)
    await user.click(screen.getByRole('button', { name: 'Clear all' }))
    expect(onChange).toHaveBeenLastCalledWith(EMPTY_FILTERS)
  })

  it('renders nothing without active filters', () => {
    const { container } = render(<FilterChips filters={EMPTY_FILTERS} onChange={() => {}} />)
    expect(container.innerHTML).toBe('')
  })

  it('offers to clear the filters when nothing matches', async () => {
    const onClear = vi.fn()
    render(<NoMatches onClear={onClear} />)
    expect(screen.getByText('No conversation matches these filters.')).toBeTruthy()
    await userEvent.setup().click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(onClear).toHaveBeenCalledOnce()
  })
})
