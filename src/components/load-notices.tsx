import type { RangeLoad } from '../api/conversations-query'
import { formatCount, pluralize } from '../lib/format'

type Props = { load: RangeLoad | undefined; error: Error | null; onRetry: () => void }

/** What the count does not say by itself: failures, truncation, odd records. */
export function LoadNotices({ load, error, onRetry }: Props) {
  const oddRecords = load ? new Set(load.warnings.map((w) => w.id)).size : 0
  return (
    <>
      {error && (
        <div role="alert" className="notice error">
          <span>
            <strong>Part of the range could not be loaded.</strong> {error.message}
          </span>
          <button type="button" className="primary" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {load?.overflow.map((o) => (
        <div key={`${o.start}-${o.end}`} className="notice">
          More than {formatCount(o.count)} conversations started between {new Date(o.start).toISOString()} and{' '}
          {new Date(o.end).toISOString()}: SmartAssist returns at most 1,100 per query, so this minute is
          incomplete.
        </div>
      ))}
      {oddRecords > 0 && (
        <div className="notice">
          {pluralize(oddRecords, 'record')} had unexpected fields; they are shown with what could be read.
        </div>
      )}
    </>
  )
}
