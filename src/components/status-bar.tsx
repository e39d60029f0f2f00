import { formatCount, pluralize } from '../lib/format'

export type LoadProgress = {
  /** share of the range already covered, 0..1 */
  covered: number
  fetched: number
  /** the server's estimate of the time left; null = unknown */
  etaMs: number | null
  /** the server is waiting for SmartAssist's rate budget right now */
  waitingForBudget: boolean
  rateLimitPerMinute: number | null
}

type Props =
  /** progress null: nothing has arrived yet */
  | { state: 'loading'; progress: LoadProgress | null }
  | { state: 'complete'; count: number }
  | { state: 'error'; fetched: number }

/** The server's estimate, rounded the way a person would say it. */
export function formatTimeLeft(ms: number): string {
  if (ms < 60_000) return 'less than a minute'
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return `about ${minutes} min`
  const fiveMinutes = Math.round(ms / 300_000) * 5
  const h = Math.floor(fiveMinutes / 60)
  const m = fiveMinutes % 60
  return m === 0 ? `about ${h} h` : `about ${h} h ${m} min`
}

/**
 * `Loading… 12,345 so far` and the detail ` · about 2 min left — waiting for SmartAssist, which allows
 * 60 requests a minute`: one sentence for a screen reader, the detail quieter on screen.
 */
export function loadingParts(progress: LoadProgress | null): { main: string; detail: string } {
  if (progress === null) return { main: 'Loading…', detail: '' }
  let detail = ''
  if (progress.etaMs !== null) detail += ` · ${formatTimeLeft(progress.etaMs)} left`
  if (progress.waitingForBudget) {
    detail +=
      progress.rateLimitPerMinute === null
        ? ' — waiting for SmartAssist’s rate budget'
        : ` — waiting for SmartAssist, which allows ${pluralize(progress.rateLimitPerMinute, 'request')} a minute`
  }
  return { main: `Loading… ${formatCount(progress.fetched)} so far`, detail }
}

export function loadingText(progress: LoadProgress | null): string {
  const { main, detail } = loadingParts(progress)
  return main + detail
}

/**
 * The one live region: `<N> conversations` only once the whole range has arrived (CONTRACT.md),
 * otherwise `Loading…` with progress, so nobody reads a partial count as the answer.
 */
export function StatusBar(props: Props) {
  const covered = props.state === 'loading' ? Math.round((props.progress?.covered ?? 0) * 100) : 0
  const loading = props.state === 'loading' ? loadingParts(props.progress) : null
  return (
    <div className={loading ? 'status-line loading' : 'status-line'}>
      <div role="status" aria-live="polite" className="status-count">
        {props.state === 'complete' && pluralize(props.count, 'conversation')}
        {loading?.main}
        {loading?.detail && <span className="status-detail">{loading.detail}</span>}
        {props.state === 'error' && `Incomplete: ${formatCount(props.fetched)} loaded before an error`}
      </div>
      {props.state === 'loading' && (
        <div
          className="progress"
          role="progressbar"
          aria-label="Share of the range loaded"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={covered}
        >
          <div style={{ width: `${covered}%` }} />
        </div>
      )}
    </div>
  )
}
