import { useMemo } from 'react'
import type { Conversation } from '../../api/conversation'
import { type Mean, type QueueFigures, queueFigures, type Ratio } from '../../api/figures'
import { type FigureColumn, FiguresTable } from '../../components/figures-table'
import { formatDuration } from '../../lib/format'

type Props = {
  conversations: readonly Conversation[]
  serviceLevelSec: number
  /** the queue keys the page is filtered to */
  selected: readonly string[]
  /** filter the page to this queue (again: lift that filter) */
  onToggle: (key: string) => void
}

const pct = (r: Ratio) => (r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%`)
const dur = (m: Mean) => (m.value === null ? '—' : formatDuration(m.value))

function queueColumns(slSec: number): FigureColumn<QueueFigures>[] {
  return [
    { id: 'queue', header: 'Queue', value: (q) => q.name },
    {
      id: 'offered',
      header: 'Offered',
      description:
        'Offered conversations (inbound, not open) that entered this queue; one conversation counts once per queue it entered.',
      value: (q) => q.offered,
    },
    {
      id: 'answered',
      header: 'Answered',
      description: 'Offered conversations whose entry of this queue was accepted by an agent.',
      value: (q) => q.answered,
    },
    {
      id: 'abandoned',
      header: 'Abandoned',
      description:
        'Abandoned by the customer (not answered, no callback, not voicemail), in the queue they were in last.',
      value: (q) => q.abandoned,
    },
    {
      id: 'dropped',
      header: 'Dropped by the system',
      description: 'Not answered and ended by the system or the bot, in the queue they were in last.',
      value: (q) => q.droppedBySystem,
    },
    {
      id: 'callbacks',
      header: 'Callbacks',
      description: 'Not answered; the customer opted for a callback in this queue.',
      value: (q) => q.callbacks,
    },
    {
      id: 'abandonRate',
      header: 'Abandon rate',
      description: 'Abandoned ÷ offered.',
      value: (q) => q.abandonRate.value,
      format: (q) => pct(q.abandonRate),
    },
    {
      id: 'asa',
      header: 'Average speed of answer',
      description: 'Mean of this queue’s waits: its entry time to its agent’s acceptance.',
      value: (q) => q.speedOfAnswer.value,
      format: (q) => dur(q.speedOfAnswer),
    },
    {
      id: 'serviceLevel',
      header: `Service level (${slSec} s)`,
      description: `Answered here within ${slSec} s ÷ (answered here with a known wait + abandoned here).`,
      value: (q) => q.serviceLevel.value,
      format: (q) => pct(q.serviceLevel),
    },
    {
      id: 'aht',
      header: 'Average handle time',
      description:
        'Mean handle time (interaction + after-call work) of the agent segments answered from this queue.',
      value: (q) => q.handle.value,
      format: (q) => dur(q.handle),
    },
  ]
}

/** Queue performance: one row per queue, sortable; a queue's name filters the page to it. */
export function QueuesTable({ conversations, serviceLevelSec, selected, onToggle }: Props) {
  const rows = useMemo(() => queueFigures(conversations, serviceLevelSec), [conversations, serviceLevelSec])
  const columns = useMemo(() => queueColumns(serviceLevelSec), [serviceLevelSec])
  return (
    <FiguresTable
      name="Queues"
      caption="Queue performance over the conversations shown. Press a queue to filter the page to it."
      rows={rows}
      columns={columns}
      rowKey={(q) => q.key}
      initialSort={[{ id: 'offered', desc: true }]}
      onPick={(q) => onToggle(q.key)}
      pickedKeys={selected}
      emptyMessage="No conversation entered a queue."
    />
  )
}
