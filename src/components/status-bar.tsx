import { formatCount, pluralize } from '../lib/format'

export type LoadProgress = {
  /** share of the range already covered, 0..1 */
  covered: number
  fetched: number
}

type Props =
  | { state: 'loading'; progress: LoadProgress }
  | { state: 'complete'; count: number }
  | { state: 'error'; fetched: number }

/**
 * The one live region: `<N> conversations` only once every page has arrived (CONTRACT.md),
 * otherwise `Loading…` with progress, so nobody reads a partial count as the answer.
 */
export function StatusBar(props: Props) {
  return (
    <div className="status-line">
      <div role="status" aria-live="polite" className="status-count">
        {props.state === 'complete' && pluralize(props.count, 'conversation')}
        {props.state === 'loading' && `Loading… ${formatCount(props.progress.fetched)} so far`}
        {props.state === 'error' && `Incomplete: ${formatCount(props.fetched)} loaded before an error`}
      </div>
      {props.state === 'loading' && (
        <div
          className="progress"
          role="progressbar"
          aria-label="Share of the range loaded"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(props.progress.covered * 100)}
        >
          <div style={{ width: `${Math.round(props.progress.covered * 100)}%` }} />
        </div>
      )}
    </div>
  )
}
