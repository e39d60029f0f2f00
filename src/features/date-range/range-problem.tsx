import { formatDateTime } from '../../lib/format'
import type { TimeRange } from './range-rules'

type Props = { problem: string; suggestion: TimeRange; zone: string; onUse: (range: TimeRange) => void }

/** A link that cannot be fetched says why and offers the nearest valid range in one click. */
export function RangeProblem({ problem, suggestion, zone, onUse }: Props) {
  const label = (ms: number) => formatDateTime(ms, zone, 'MMM d, yyyy HH:mm')
  return (
    <div role="alert" className="notice error">
      <span>
        <strong>Nothing was loaded.</strong> {problem}
      </span>
      <button type="button" className="primary" onClick={() => onUse(suggestion)}>
        Load {label(suggestion.start)} – {label(suggestion.end)}
      </button>
    </div>
  )
}
