import { useMemo } from 'react'
import type { Conversation } from '../../api/conversation'
import { formatCount, formatDuration } from '../../lib/format'
import { kpis } from './aggregations'
import { formatShare } from './chart-style'

type Props = { conversations: readonly Conversation[] }

type Card = { label: string; value: string; detail: string }

const NONE = '—'

/** A row of key figures over the conversations shown: each card a label, a value and what it counts. */
export function KpiCards({ conversations }: Props) {
  const k = useMemo(() => kpis(conversations), [conversations])
  const of = (n: number) => (k.total > 0 ? `${formatShare(n / k.total)} of conversations` : '')
  const cards: Card[] = [
    { label: 'Conversations', value: formatCount(k.total), detail: '' },
    {
      label: 'Handled by bot only',
      value: k.containment === null ? NONE : formatShare(k.containment),
      detail: `${formatCount(k.botOnly)} contained`,
    },
    { label: 'Abandoned', value: formatCount(k.abandoned), detail: of(k.abandoned) },
    {
      label: 'Average wait before answer',
      value: formatDuration(k.averageWaitSec) || NONE,
      detail: `over ${formatCount(k.waited)} answered from a queue`,
    },
    {
      label: 'Average handle time',
      value: formatDuration(k.averageHandleSec) || NONE,
      detail: `interaction + after-call work, over ${formatCount(k.handled)}`,
    },
    {
      label: 'Average CSAT',
      value:
        k.averageCsat === null ? NONE : k.averageCsat.toLocaleString('en-US', { maximumFractionDigits: 2 }),
      detail: `${formatCount(k.rated)} rated`,
    },
  ]
  return (
    <section className="kpi-cards" aria-label="Key figures">
      <dl>
        {cards.map((c) => (
          <div key={c.label} className="kpi-card">
            <dt>{c.label}</dt>
            <dd className="kpi-value">{c.value}</dd>
            {c.detail && <dd className="kpi-detail muted">{c.detail}</dd>}
          </div>
        ))}
      </dl>
    </section>
  )
}
