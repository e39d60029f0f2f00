import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { conversationsQuery } from '../api/conversations-query'
import { fillQueueNames } from '../api/queue-names'
import { ErrorBoundary } from '../components/error-boundary'
import { LoadNotices } from '../components/load-notices'
import { StatusBar } from '../components/status-bar'
import { ConversationsPerDay } from '../features/charts/conversations-per-day'
import { ConversationsTable } from '../features/conversations-table/conversations-table'
import { ExportMenu } from '../features/conversations-table/export-menu'
import { FilterBar } from '../features/conversations-table/filter-bar'
import { FilterChips, NoMatches } from '../features/conversations-table/filter-chips'
import { useConversationFilters } from '../features/conversations-table/filter-url'
import { applyFilters } from '../features/conversations-table/filters'
import type { TimeRange } from '../features/date-range/range-rules'
import { formatDateTime } from '../lib/format'
import { useUrlParams } from '../lib/use-url-params'

const NO_CONVERSATIONS: never[] = []

/** Everything that depends on the loaded range: status, filters, table. */
export function RangeView({
  range,
  zone,
  hidePersonal,
}: {
  range: TimeRange
  zone: string
  hidePersonal: boolean
}) {
  const [refreshedAt, setRefreshedAt] = useState(0)
  const query = useQuery(conversationsQuery(range.start, range.end, refreshedAt))
  const load = query.data
  const complete = query.isSuccess && !query.isFetching && load?.complete === true
  const loaded = load?.conversations ?? NO_CONVERSATIONS
  const all = useMemo(() => fillQueueNames(loaded), [loaded])

  const { filters, setFilters, clearFilters } = useConversationFilters()
  const filtered = useMemo(
    () => applyFilters(all, filters, { searchPersonal: !hidePersonal }),
    [all, filters, hidePersonal],
  )
  const [params, setParams] = useUrlParams()
  const selectConversation = (id: string) => {
    const next = new URLSearchParams(params)
    next.set('conversation', id)
    setParams(next)
  }

  return (
    <>
      <section className="panel" aria-label="Loading status">
        <div className="toolbar">
          {complete ? (
            <StatusBar state="complete" count={filtered.length} />
          ) : query.isError ? (
            <StatusBar state="error" fetched={all.length} />
          ) : (
            <StatusBar
              state="loading"
              progress={{ covered: load ? load.coveredMs / load.totalMs : 0, fetched: all.length }}
            />
          )}
          {complete && filtered.length !== all.length && (
            <span className="muted">of {all.length.toLocaleString('en-US')} in the range</span>
          )}
          <span className="spacer" />
          {load && complete && (
            <span className="muted">
              Data as of {formatDateTime(load.fetchedAt, zone, 'MMM d, HH:mm:ss')}
            </span>
          )}
          <button
            type="button"
            onClick={() => setRefreshedAt(Date.now())}
            disabled={!complete && !query.isError}
          >
            Refresh
          </button>
        </div>
        <LoadNotices load={load} error={query.error} onRetry={() => query.refetch()} />
      </section>
      <section className="panel filters-panel" aria-label="Filters">
        <FilterBar
          conversations={all}
          filters={filters}
          onChange={setFilters}
          searchPersonal={!hidePersonal}
        />
        <FilterChips filters={filters} onChange={setFilters} conversations={all} />
      </section>
      <section className="panel">
        <ErrorBoundary label="The chart">
          <ConversationsPerDay conversations={filtered} range={range} zone={zone} />
        </ErrorBoundary>
      </section>
      <section className="panel">
        <ErrorBoundary label="The conversation table">
          <ConversationsTable
            conversations={filtered}
            zone={zone}
            hidePersonal={hidePersonal}
            selectedId={params.get('conversation')}
            onSelect={selectConversation}
            emptyMessage={
              all.length > 0 ? (
                <NoMatches onClear={clearFilters} />
              ) : complete ? (
                'No conversations in this range.'
              ) : (
                'Loading…'
              )
            }
            renderToolbar={(sorted) => (
              <ExportMenu
                conversations={sorted}
                zone={zone}
                range={range}
                hidePersonal={hidePersonal}
                disabled={!complete}
              />
            )}
          />
        </ErrorBoundary>
      </section>
    </>
  )
}
