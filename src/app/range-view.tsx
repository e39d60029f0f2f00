import { useQuery } from '@tanstack/react-query'
import { lazy, Suspense, useDeferredValue, useEffect, useMemo, useState } from 'react'
import { configQuery } from '../api/config-query'
import { conversationsQuery } from '../api/conversations-query'
import { fillQueueNames } from '../api/queue-names'
import type { Drill } from '../components/drill'
import { ErrorBoundary } from '../components/error-boundary'
import { LoadNotices } from '../components/load-notices'
import { StatusBar } from '../components/status-bar'
import { SyncNote } from '../components/sync-note'
import { csvColumnsFor } from '../features/conversations-table/columns'
import { ConversationsTable } from '../features/conversations-table/conversations-table'
import { ExportMenu } from '../features/conversations-table/export-menu'
import { FilterBar } from '../features/conversations-table/filter-bar'
import { FilterChips, NoMatches } from '../features/conversations-table/filter-chips'
import { isDrilledTo, useConversationFilters } from '../features/conversations-table/filter-url'
import { applyFilters } from '../features/conversations-table/filters'
import type { TimeRange } from '../features/date-range/range-rules'
import { formatDateTime, pluralize } from '../lib/format'
import { useAfterCommit } from '../lib/use-after-commit'
import { useUrlParams } from '../lib/use-url-params'
import { previousRange, useCompare } from './compare'
import { PerformancePanel } from './performance-panel'
import { useServiceLevel } from './service-level-url'
import { useLiveRange } from './use-live-range'
import './live.css'

// Charts (recharts) and the drawer load as their own chunks: the table and the count do not wait for them.
const ChartsPanel = lazy(() =>
  import('../features/charts/charts-panel').then((m) => ({ default: m.ChartsPanel })),
)
const ConversationDrawer = lazy(() =>
  import('../features/conversation-drawer/conversation-drawer').then((m) => ({
    default: m.ConversationDrawer,
  })),
)

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
  // A Refresh belongs to the range it was pressed for: other ranges keep using the server's cache.
  const rangeKey = `${range.start}:${range.end}`
  const [refresh, setRefresh] = useState<{ rangeKey: string; at: number } | null>(null)
  const refreshedAt = refresh?.rangeKey === rangeKey ? refresh.at : 0
  const rangeQuery = conversationsQuery(range.start, range.end, refreshedAt)
  const query = useQuery(rangeQuery)
  const config = useQuery(configQuery)
  const load = query.data
  const complete = query.isSuccess && !query.isFetching && load?.complete === true
  const failed = query.isError && !query.isFetching
  // A load interrupted by leaving the range (Back, another preset) is resumed on coming back.
  const stalled = query.isSuccess && !query.isFetching && load?.complete === false
  const { refetch } = query
  const liveRange = useLiveRange(range, rangeQuery.queryKey, complete)
  useEffect(() => {
    if (stalled) void refetch()
  }, [stalled, refetch])
  const loaded = load?.conversations ?? NO_CONVERSATIONS
  const all = useMemo(() => fillQueueNames(loaded), [loaded])

  const { filters, setFilters, clearFilters, drill: drillInto } = useConversationFilters()
  const filterOptions = useMemo(() => ({ searchPersonal: !hidePersonal, zone }), [hidePersonal, zone])
  const filtered = useMemo(() => applyFilters(all, filters, filterOptions), [all, filters, filterOptions])
  // Compare: the period just before, through the same range service (usually held by the store), with
  // the same filters; the current period stays usable while it loads.
  const [comparing, setComparing] = useCompare()
  const before = useMemo(() => previousRange(range), [range])
  const previousQuery = useQuery({ ...conversationsQuery(before.start, before.end), enabled: comparing })
  const previousLoad = previousQuery.data
  const previousDone = comparing && previousQuery.isSuccess && previousLoad?.complete === true
  const previousRows = useMemo(
    () =>
      previousDone && previousLoad
        ? applyFilters(fillQueueNames(previousLoad.conversations), filters, filterOptions)
        : null,
    [previousDone, previousLoad, filters, filterOptions],
  )
  const previous = useMemo(
    () => (comparing ? { conversations: previousRows, range: before } : undefined),
    [comparing, previousRows, before],
  )
  // The count first, then the table (a deferred render: TanStack rebuilds its rows), then the key
  // figures, charts and performance tables in a transition of their own once the table is on screen
  // (~1 s at 50,000 rows, dimmed meanwhile), so that they never hold the count or the table back.
  const shown = useMemo(
    () => ({ rows: filtered, all, filters, previous }),
    [filtered, all, filters, previous],
  )
  const tabled = useDeferredValue(shown)
  const charted = useAfterCommit(tabled)
  const chartsBehind = charted !== shown
  const drill = useMemo<Drill>(
    () => ({ isSelected: (field, value) => isDrilledTo(charted.filters, field, value), toggle: drillInto }),
    [charted.filters, drillInto],
  )
  const serviceLevel = useServiceLevel()
  const [params, setParams] = useUrlParams()
  const setConversation = (id: string | null) => {
    const next = new URLSearchParams(params)
    if (id === null) next.delete('conversation')
    else next.set('conversation', id)
    setParams(next)
  }
  // Looked up in every loaded conversation, not the filtered ones: a shared link opens whatever it names.
  const requestedId = params.get('conversation')
  const selected = useMemo(
    () =>
      requestedId === null
        ? null
        : (all.find(
            (c) => c.id === requestedId || c.conversationId === requestedId || c.sessionId === requestedId,
          ) ?? null),
    [all, requestedId],
  )

  return (
    <>
      <section className="panel" aria-label="Loading status">
        <div className="toolbar">
          {complete ? (
            <StatusBar state="complete" count={filtered.length} />
          ) : failed ? (
            <StatusBar state="error" fetched={all.length} />
          ) : (
            <StatusBar
              state="loading"
              progress={
                load
                  ? {
                      covered: load.coveredMs / load.totalMs,
                      fetched: all.length,
                      etaMs: load.etaMs,
                      waitingForBudget: load.waitingForBudget,
                      rateLimitPerMinute: load.rateLimitPerMinute,
                    }
                  : null
              }
            />
          )}
          {complete && filtered.length !== all.length && (
            <span className="muted">of {all.length.toLocaleString('en-US')} in the range</span>
          )}
          <label className="compare-switch">
            <input type="checkbox" checked={comparing} onChange={(e) => setComparing(e.target.checked)} />
            Compare with the previous period
          </label>
          {comparing && !previousQuery.isError && (
            <span className="muted" data-testid="previous-count">
              {previousRows
                ? `previous period: ${pluralize(previousRows.length, 'conversation')}`
                : 'previous period: loading…'}
            </span>
          )}
          {comparing && previousQuery.isError && (
            <span className="muted">
              The previous period could not be loaded: {previousQuery.error.message}
            </span>
          )}
          <span className="spacer" />
          <SyncNote config={config.data} zone={zone} />
          {load && complete && liveRange.live && (
            <span className="live-note" role="note">
              <span className={liveRange.paused ? 'live-dot paused' : 'live-dot'} aria-hidden="true" />
              {liveRange.paused ? 'Live paused' : 'Live'} · updated{' '}
              {formatDateTime(liveRange.updatedAt ?? load.fetchedAt, zone, 'HH:mm:ss')}
              {liveRange.error && <span className="muted"> · last refresh failed: {liveRange.error}</span>}
              <button type="button" onClick={() => liveRange.setPaused(!liveRange.paused)}>
                {liveRange.paused ? 'Resume' : 'Pause'}
              </button>
            </span>
          )}
          {load && complete && !liveRange.live && (
            <span className="muted">
              Data as of {formatDateTime(load.fetchedAt, zone, 'MMM d, HH:mm:ss')}
            </span>
          )}
          <button
            type="button"
            onClick={() => setRefresh({ rangeKey, at: Date.now() })}
            disabled={!complete && !failed}
          >
            Refresh
          </button>
        </div>
        <LoadNotices load={load} error={failed ? query.error : null} zone={zone} onRetry={() => refetch()} />
      </section>
      <section className="panel filters-panel" aria-label="Filters">
        <FilterBar
          conversations={all}
          filters={filters}
          onChange={setFilters}
          searchPersonal={!hidePersonal}
          zone={zone}
        />
        <FilterChips filters={filters} onChange={setFilters} conversations={all} />
      </section>
      <div className="charts-panel" aria-busy={chartsBehind} data-updating={chartsBehind || undefined}>
        <Suspense fallback={<section className="panel muted">Loading charts…</section>}>
          <ChartsPanel
            conversations={charted.rows}
            range={range}
            zone={zone}
            serviceLevel={serviceLevel}
            drill={drill}
            {...(charted.previous && { previous: charted.previous })}
          />
        </Suspense>
      </div>
      <div className="performance" aria-busy={chartsBehind} data-updating={chartsBehind || undefined}>
        <PerformancePanel
          conversations={charted.rows}
          serviceLevelSec={serviceLevel.sec}
          zone={zone}
          filters={charted.filters}
          drill={drill}
        />
      </div>
      <section className="panel">
        <ErrorBoundary label="The conversation table">
          <ConversationsTable
            conversations={tabled.rows}
            all={tabled.all}
            behind={tabled !== shown}
            zone={zone}
            hidePersonal={hidePersonal}
            selectedId={params.get('conversation')}
            newIds={liveRange.newIds}
            onSelect={setConversation}
            emptyMessage={
              all.length > 0 ? (
                <NoMatches onClear={clearFilters} />
              ) : complete ? (
                'No conversations in this range.'
              ) : (
                'Loading…'
              )
            }
            renderToolbar={(sorted, visibleColumnIds) => (
              <ExportMenu
                conversations={sorted}
                columns={csvColumnsFor(visibleColumnIds)}
                zone={zone}
                range={range}
                hidePersonal={hidePersonal}
                disabled={!complete}
              />
            )}
          />
        </ErrorBoundary>
      </section>
      <ErrorBoundary label="The conversation drawer">
        <Suspense fallback={null}>
          <ConversationDrawer
            conversation={selected}
            requestedId={requestedId}
            zone={zone}
            hidePersonal={hidePersonal}
            loading={selected === null && !complete && !failed}
            onClose={() => setConversation(null)}
          />
        </Suspense>
      </ErrorBoundary>
    </>
  )
}
