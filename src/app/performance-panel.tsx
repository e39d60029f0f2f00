import { memo } from 'react'
import type { Conversation } from '../api/conversation'
import type { Drill } from '../components/drill'
import { ErrorBoundary } from '../components/error-boundary'
import { AgentsTable } from '../features/agents/agents-table'
import type { ConversationFilters } from '../features/conversations-table/filters'
import { IntervalHeatmap } from '../features/intervals/interval-heatmap'
import { QueuesTable } from '../features/queues/queues-table'

type Props = {
  conversations: readonly Conversation[]
  serviceLevelSec: number
  /** the display time zone (IANA): the heat map's hours */
  zone: string
  /** the filters `conversations` passed: which rows show as picked */
  filters: ConversationFilters
  /** a row or a cell filters the page to it; pressed again, lifts that filter */
  drill: Drill
}

/**
 * When and where the contact centre strains, over the rows shown: the hour × weekday heat map, queue
 * and agent performance (each row and cell filters the page through the URL). Rendered inside
 * `.performance`, which the page marks while newer rows are being counted.
 */
export const PerformancePanel = memo(function PerformancePanel({
  conversations,
  serviceLevelSec,
  zone,
  filters,
  drill,
}: Props) {
  return (
    <>
      <section className="panel" aria-label="When the queue breaks">
        <ErrorBoundary label="The interval heat map">
          <IntervalHeatmap conversations={conversations} zone={zone} drill={drill} />
        </ErrorBoundary>
      </section>
      <section className="panel" aria-labelledby="queues-heading">
        <h2 id="queues-heading">Queue performance</h2>
        <ErrorBoundary label="The Queues table">
          <QueuesTable
            conversations={conversations}
            serviceLevelSec={serviceLevelSec}
            selected={filters.queues}
            onToggle={(key) => drill.toggle('queues', key)}
          />
        </ErrorBoundary>
      </section>
      <section className="panel" aria-labelledby="agents-heading">
        <h2 id="agents-heading">Agent performance</h2>
        <ErrorBoundary label="The Agents table">
          <AgentsTable
            conversations={conversations}
            selected={filters.agents}
            onToggle={(key) => drill.toggle('agents', key)}
          />
        </ErrorBoundary>
      </section>
    </>
  )
})
