import { useMemo } from 'react'
import type { Conversation } from '../../api/conversation'
import { type AgentFigures, agentFigures, type Mean } from '../../api/figures'
import { type FigureColumn, FiguresTable } from '../../components/figures-table'
import { formatCount, formatDuration } from '../../lib/format'

type Props = {
  conversations: readonly Conversation[]
  /** the agent keys the page is filtered to */
  selected: readonly string[]
  /** filter the page to this agent (again: lift that filter) */
  onToggle: (key: string) => void
}

const dur = (m: Mean) => (m.value === null ? '—' : formatDuration(m.value))
const total = (sec: number) => formatDuration(sec)

function notResponding(a: AgentFigures) {
  if (a.notResponding === 0) return '0'
  const reasons = a.notRespondingReasons.map((r) => `${r.reason} ${formatCount(r.count)}`).join(', ')
  return (
    <>
      {formatCount(a.notResponding)} <span className="figure-note">({reasons})</span>
    </>
  )
}

const COLUMNS: FigureColumn<AgentFigures>[] = [
  { id: 'agent', header: 'Agent', value: (a) => a.name },
  {
    id: 'handled',
    header: 'Handled',
    description: 'Handled segments: the agent accepted the conversation (a transfer back counts again).',
    value: (a) => a.handled,
  },
  {
    id: 'aht',
    header: 'Average handle time',
    description: 'Per handled segment: interaction (hold inside) + after-call work.',
    value: (a) => a.averageHandle.value,
    format: (a) => dur(a.averageHandle),
  },
  { id: 'handle', header: 'Total handle time', value: (a) => a.handleSec, format: (a) => total(a.handleSec) },
  {
    id: 'talk',
    header: 'Talk',
    description: 'Interaction − hold.',
    value: (a) => a.talkSec,
    format: (a) => total(a.talkSec),
  },
  { id: 'hold', header: 'Hold', value: (a) => a.holdSec, format: (a) => total(a.holdSec) },
  {
    id: 'acw',
    header: 'After-call work',
    value: (a) => a.afterCallWorkSec,
    format: (a) => total(a.afterCallWorkSec),
  },
  {
    id: 'firstResponse',
    header: 'First response',
    description: 'Mean over the agent’s segments: from accepting to the first message (Kore.ai).',
    value: (a) => a.firstResponse.value,
    format: (a) => dur(a.firstResponse),
  },
  {
    id: 'transfers',
    header: 'Transfers',
    description: 'The agent’s segments that another handled segment followed.',
    value: (a) => a.transfers,
  },
  {
    id: 'notResponding',
    header: 'Not responding',
    description: 'Conversations offered to the agent that they did not take, with the reasons recorded.',
    value: (a) => a.notResponding,
    format: notResponding,
  },
  {
    id: 'csat',
    header: 'CSAT',
    description: 'Mean CSAT of the conversations whose last handled segment was this agent’s.',
    value: (a) => a.csat.value,
    format: (a) => (a.csat.value === null ? '—' : `${a.csat.value.toFixed(2)} (${formatCount(a.csat.n)})`),
  },
]

/** Agent performance: one row per agent, sortable; an agent's name filters the page to them. */
export function AgentsTable({ conversations, selected, onToggle }: Props) {
  const rows = useMemo(() => agentFigures(conversations), [conversations])
  return (
    <FiguresTable
      name="Agents"
      caption="Agent performance over the conversations shown. Press an agent to filter the page to them."
      rows={rows}
      columns={COLUMNS}
      rowKey={(a) => a.key || '(unnamed)'}
      initialSort={[{ id: 'handled', desc: true }]}
      onPick={(a) => onToggle(a.key)}
      canPick={(a) => a.key !== ''}
      pickedKeys={selected}
      emptyMessage="No agent handled a conversation."
    />
  )
}
