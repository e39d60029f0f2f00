import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { agent, conversation, direct, queue, sec, T0 } from '../../test/conversation-fixtures'
import { AgentsTable } from './agents-table'

const rows = [
  conversation({
    id: 'c1',
    destinations: [
      queue(
        'q',
        'Q',
        agent('a1', 'Ann', { interactionDurationSec: 100, holdSec: 20, afterCallWorkSec: 30 }),
        {
          enterTime: T0,
          nonRespondingAgents: [
            {
              agentId: 'a2',
              name: 'Bob',
              email: null,
              assignedAt: T0 + sec(1),
              nonResponseEvent: 'Ignored',
              agentNotes: null,
            },
          ],
        },
      ),
      direct(agent(null, null, { interactionDurationSec: 10 })),
    ],
    csatScore: 4,
  }),
  conversation({
    id: 'c2',
    destinations: [queue('q', 'Q', agent('a2', 'Bob', { interactionDurationSec: 50 }))],
  }),
]

describe('AgentsTable', () => {
  it('shows each agent’s figures; a segment naming no agent has its own row, not a filter', async () => {
    const onToggle = vi.fn<(key: string) => void>()
    render(<AgentsTable conversations={rows} selected={[]} onToggle={onToggle} />)
    const table = screen.getByRole('table', { name: 'Agents' })
    const ann = within(table).getByRole('row', { name: /^Ann/ })
    expect(
      within(ann)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['1', '2:10', '2:10', '1:20', '0:20', '0:30', '—', '1', '0', '—'])
    const bob = within(table).getByRole('row', { name: /^Bob/ })
    expect(within(bob).getAllByRole('cell')[8]?.textContent).toBe('1 (Ignored 1)')
    expect(within(table).getByRole('row', { name: /^Agent not named/ })).toBeTruthy()
    expect(within(table).queryByRole('button', { name: /Agent not named/ })).toBeNull()
    const handled = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => Number(within(r).getAllByRole('cell')[0]?.textContent))
    expect(handled.reduce((a, b) => a + b, 0)).toBe(3) // every handled segment
    await userEvent.setup().click(within(table).getByRole('button', { name: 'Bob' }))
    expect(onToggle).toHaveBeenCalledWith('a2')
  })
})
