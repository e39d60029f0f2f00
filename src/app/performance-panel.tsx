import { memo } from 'react'
import type { Conversation } from '../api/conversation'
import { ErrorBoundary } from '../components/error-boundary'
import { AgentsTable } from '../features/agents/agents-table'
import type { ConversationFilters } from '../features/conversations-table/filters'
import { IntervalHeatmap } from '../features/intervals/interval-heatmap'
import { QueuesTable } from '../features/queues/queues-table'

type Props = {
  conversations: readonly Conversation[]
  /** newer conversations are being counted: what is shown is about to change */
  updating: boolean
  serviceLevelSec: number
  /** the display time zone (IANA): the heat map's hours */
  zone: string
  filters: ConversationFilters
  onFilters: (next: ConversationFilters) => void
}

/** The one key filtered to, or none: a row press filters to it, pressing it again lifts the filter. */
function toggled(current: readonly string[], key: string): string[] {
  return current.length === 1 && current[0] === key ? [] : [key]
}

/**
 * When and where the contact centre strains, over the rows shown: the hour × weekday heat map, queue
 * and agent performance (each row filters the page through the URL).
 */
export const PerformancePanel = memo(function PerformancePanel({
  conversations,
  updating,
  serviceLevelSec,
  zone,
  filters,
  onFilters,
}: Props) {
  return (
    <div className="performance" aria-busy={updating} data-updating={updating || undefined}>
      <section className="panel" aria-label="When the queue breaks">
        <ErrorBoundary label="The interval heat map">
          <IntervalHeatmap conversations={conversations} zone={zone} />
        </ErrorBoundary>
      </section>
      <section className="panel" aria-labelledby="queues-heading">
        <h2 id="queues-heading">Queue performance</h2>
        <ErrorBoundary label="The Queues table">
          <QueuesTable
            conversations={conversations}
            serviceLevelSec={serviceLevelSec}
            selected={filters.queues}
            onToggle={(key) => onFilters({ ...filters, queues: toggled(filters.queues, key) })}
          />
        </ErrorBoundary>
      </section>
      <section className="panel" aria-labelledby="agents-heading">
        <h2 id="agents-heading">Agent performance</h2>
        <ErrorBoundary label="The Agents table">
          <AgentsTable
            conversations={conversations}
            selected={filters.agents}
            onToggle={(key) => onFilters({ ...filters, agents: toggled(filters.agents, key) })}
          />
        </ErrorBoundary>
      </section>
    </div>
  )
})
