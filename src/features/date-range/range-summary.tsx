import { formatDateTime } from '../../lib/format'
import type { TimeRange } from './range-rules'

export function RangeSummary({ range, zone }: { range: TimeRange | null; zone: string }) {
  const label = (ms: number) => formatDateTime(ms, zone, 'EEE MMM d, yyyy HH:mm')
  return (
    <div>
      <strong>{range ? `${label(range.start)} – ${label(range.end)}` : 'No valid range'}</strong>{' '}
      <span className="muted">({zone})</span>
    </div>
  )
}
