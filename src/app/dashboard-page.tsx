import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { configQuery } from '../api/config-query'
import { conversationsQuery, type RangeLoad } from '../api/conversations-query'
import { ErrorBoundary } from '../components/error-boundary'
import { LoadNotices } from '../components/load-notices'
import { StatusBar } from '../components/status-bar'
import { ConversationsTable } from '../features/conversations-table/conversations-table'
import { RangeProblem } from '../features/date-range/range-problem'
import type { TimeRange } from '../features/date-range/range-rules'
import { RangeSummary } from '../features/date-range/range-summary'
import { useDisplayRange } from '../features/date-range/use-display-range'
import { formatDateTime } from '../lib/format'

export function DashboardPage() {
  const { parsed, setRange } = useDisplayRange()
  const config = useQuery(configQuery)
  return (
    <>
      <header className="app-header">
        <h1>SmartAssist call details</h1>
        {config.data?.mode === 'demo' && (
          <span className="badge demo" title="No SmartAssist account is configured on the server">
            Demo data: synthetic conversations
          </span>
        )}
        {config.data?.mode === 'live' && <span className="badge">Account {config.data.accountId}</span>}
        {config.isError && <span className="badge demo">Dashboard server unreachable</span>}
      </header>
      <main className="page">
        <section className="panel toolbar" aria-label="Range">
          <RangeSummary range={parsed.ok ? parsed.range : null} zone={parsed.zone} />
        </section>
        {parsed.ok ? (
          <RangeView range={parsed.range} zone={parsed.zone} />
        ) : (
          <RangeProblem
            problem={parsed.problem}
            suggestion={parsed.suggestion}
            zone={parsed.zone}
            onUse={setRange}
          />
        )}
      </main>
    </>
  )
}

function RangeView({ range, zone }: { range: TimeRange; zone: string }) {
  const [refreshedAt, setRefreshedAt] = useState(0)
  const query = useQuery(conversationsQuery(range.start, range.end, refreshedAt))
  const load: RangeLoad | undefined = query.data
  const complete = query.isSuccess && !query.isFetching && load?.complete === true
  return (
    <>
      <section className="panel" aria-label="Loading status">
        <div className="toolbar">
          {complete && load ? (
            <StatusBar state="complete" count={load.conversations.length} />
          ) : query.isError ? (
            <StatusBar state="error" fetched={load?.conversations.length ?? 0} />
          ) : (
            <StatusBar
              state="loading"
              progress={{
                covered: load ? load.coveredMs / load.totalMs : 0,
                fetched: load?.conversations.length ?? 0,
              }}
            />
          )}
          <span className="muted">
            {load && complete && `Data as of ${formatDateTime(load.fetchedAt, zone, 'HH:mm:ss')}`}
          </span>
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
      <section className="panel">
        <ErrorBoundary label="The conversation table">
          <ConversationsTable conversations={load?.conversations ?? []} zone={zone} />
        </ErrorBoundary>
      </section>
    </>
  )
}
