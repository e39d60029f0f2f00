import { isApiError } from '../api/api-error'
import type { RangeLoad } from '../api/range-load'
import { formatCount, formatDateTime, pluralize } from '../lib/format'

type Props = { load: RangeLoad | undefined; error: Error | null; zone: string; onRetry: () => void }

/**
 * What the count does not say by itself: failures, truncation, odd records, and warnings about the
 * response as a whole (index -1, e.g. times that look shifted), each said in its own words.
 */
export function LoadNotices({ load, error, zone, onRetry }: Props) {
  const recordWarnings = load?.warnings.filter((w) => w.index >= 0) ?? []
  const oddRecords = new Set(recordWarnings.map((w) => w.id)).size
  const responseWarnings = [...new Set(load?.warnings.filter((w) => w.index < 0).map((w) => w.message))]
  return (
    <>
      {error && (
        <div role="alert" className="notice error">
          <span>
            <strong>Part of the range could not be loaded.</strong> {error.message}
            {isApiError(error) && error.retryAfterSec !== undefined && (
              <> SmartAssist asked to wait {error.retryAfterSec} s before trying again.</>
            )}
          </span>
          <button type="button" className="primary" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {load?.overflow.map((o) => (
        <div key={`${o.start}-${o.end}`} className="notice" role="note">
          <strong>The count is short.</strong> More conversations started between{' '}
          {formatDateTime(o.start, zone, 'MMM d, HH:mm:ss')} and {formatDateTime(o.end, zone, 'HH:mm:ss')} (
          {zone}) than SmartAssist lets one query page through (1,100); {formatCount(o.count)} of them are
          shown and the window cannot be split further.
        </div>
      ))}
      {responseWarnings.map((message) => (
        <div key={message} className="notice" role="note">
          <strong>Check the data:</strong> {message}.
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
