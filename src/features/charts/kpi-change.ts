// A KPI against the previous period: the difference as people say it (+12, −1.3 pp, +0:08) and
// whether that is better, worse or neither for that figure (an abandon rate going up is worse).
import { formatCount, formatDuration } from '../../lib/format'

export type Comparable = {
  amount: number | null
  kind: 'count' | 'share' | 'duration' | 'score'
  better: 'up' | 'down' | null
}

export type Change = {
  /** e.g. "▲ 1.3 pp" */
  text: string
  /** what the previous period had, written like the figure */
  before: string
  trend: 'better' | 'worse' | 'same' | 'neutral'
}

const signOf = (d: number) => (d > 0 ? '+' : d < 0 ? '−' : '±')

function written(kind: Comparable['kind'], value: number): string {
  if (kind === 'count') return formatCount(value)
  if (kind === 'share') return `${(value * 100).toFixed(1)}%`
  if (kind === 'duration') return formatDuration(value)
  return value.toFixed(2)
}

function difference(kind: Comparable['kind'], d: number): string {
  const size = Math.abs(d)
  if (kind === 'count') return formatCount(size)
  if (kind === 'share') return `${(size * 100).toFixed(1)} pp`
  if (kind === 'duration') return formatDuration(size)
  return size.toFixed(2)
}

/** null when either period has no value for the figure. */
export function changeOf(now: Comparable, before: Comparable): Change | null {
  if (now.amount === null || before.amount === null) return null
  const d = now.amount - before.amount
  // below what the figure shows (0.05 pp, half a second, half a count) is no change
  const unit = now.kind === 'share' ? 0.0005 : now.kind === 'score' ? 0.005 : 0.5
  const same = Math.abs(d) < unit
  const arrow = same ? '=' : d > 0 ? '▲' : '▼'
  const trend = same
    ? 'same'
    : now.better === null
      ? 'neutral'
      : d > 0 === (now.better === 'up')
        ? 'better'
        : 'worse'
  return {
    text: same ? '= no change' : `${arrow} ${signOf(d)}${difference(now.kind, d)}`,
    before: written(now.kind, before.amount),
    trend,
  }
}
