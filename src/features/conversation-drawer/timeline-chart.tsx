// The timeline as a picture (timeline-lanes.ts builds it): a time axis in the display zone and one
// lane per queue and per agent, marks placed by percentage (plain positioned elements, no chart
// library). Every mark is focusable and named with its exact times and duration; the same words show
// in a tooltip on hover and on keyboard focus.

import { tzOffset } from '@date-fns/tz'
import { Fragment } from 'react'
import { formatDateTime, formatDuration } from '../../lib/format'
import type { TimelineChart as Chart, LaneKind, Mark, MarkKind } from './timeline-lanes'
import './timeline-chart.css'

const LANE_WORD: Record<LaneKind, string> = { session: 'Session', bot: 'Bot', queue: 'Queue', agent: 'Agent' }

const LEGEND: [MarkKind, string][] = [
  ['bot', 'Bot'],
  ['wait', 'Queue wait'],
  ['ring', 'Ringing'],
  ['not-responding', 'Not responding'],
  ['talk', 'Talk'],
  ['hold', 'Hold (total; when is not recorded)'],
  ['acw', 'After-call work'],
  ['consult', 'Consult'],
  ['first-response', 'First response'],
  ['callback', 'Callback opted'],
  ['callback-accepted', 'Callback accepted'],
  ['session-end-recorded', 'Session end recorded'],
  ['end', 'End'],
]

const TICK_STEPS_SEC = [
  1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
]

/** Round ticks in the display zone (a 5:30 zone gets its own round minutes and hours). */
export function axisTicks(start: number, end: number, zone: string, most = 6): number[] {
  const spanMs = Math.max(1, end - start)
  const step = (TICK_STEPS_SEC.find((s) => spanMs / (s * 1000) <= most) ?? 86400) * 1000
  const offset = tzOffset(zone, new Date(start)) * 60_000
  const ticks: number[] = []
  for (let t = Math.ceil((start + offset) / step) * step - offset; t <= end; t += step) ticks.push(t)
  return ticks
}

/** The words a mark is named by and shows on hover and focus: what, when, how long, more. */
export function markText(m: Mark, time: (t: number) => string): string {
  const note = m.note === null ? '' : `, ${m.note}`
  if (m.nominal !== undefined) {
    const [from, to] = m.nominal.within
    return `${m.title}, somewhere between ${time(from)} and ${time(to)}${note}`
  }
  if (m.shape === 'marker')
    return `${m.title}: ${time(m.start)}${m.derived === undefined ? '' : ' (from the recorded duration)'}${note}`
  const from = m.shown?.start ?? m.start
  const to = m.shown?.end ?? m.end
  const length = formatDuration(m.durationSec ?? (to - from) / 1000)
  const derived =
    m.derived === 'end'
      ? ', end from the recorded duration'
      : m.derived === 'start'
        ? ', start from the recorded duration'
        : ''
  return `${m.title}: ${time(from)} – ${time(to)} (${length}${derived})${note}`
}

export function TimelineChart({ chart, zone }: { chart: Chart; zone: string }) {
  const { start, end } = chart
  const spanMs = Math.max(1000, end - start)
  const pos = (t: number) => Math.min(100, Math.max(0, ((t - start) / spanMs) * 100))
  const sameDay = formatDateTime(start, zone, 'yyyy-MM-dd') === formatDateTime(end, zone, 'yyyy-MM-dd')
  const time = (t: number) => formatDateTime(t, zone, sameDay ? 'HH:mm:ss' : 'yyyy-MM-dd HH:mm:ss')
  const ticks = axisTicks(start, end, zone)
  const tickStep = (ticks[1] ?? end) - (ticks[0] ?? start)
  const tickLabel = (t: number) => formatDateTime(t, zone, tickStep < 60_000 ? 'HH:mm:ss' : 'HH:mm')
  const kinds = new Set(chart.lanes.flatMap((l) => l.marks.map((m) => m.kind)))

  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of pictures, not of form controls (no fieldset)
    <div className="cd-chart" role="group" aria-label="Timeline chart">
      <p className="cd-chart-span">
        <span>
          {time(start)} – {time(end)}
        </span>
        <span className="cd-note">{formatDuration((end - start) / 1000)} in all</span>
      </p>
      <div className="cd-chart-grid">
        <div className="cd-axis" aria-hidden="true">
          {ticks.map((t) => (
            <span key={t} className={`cd-tick ${edgeClass(pos(t))}`} style={{ left: `${pos(t)}%` }}>
              {tickLabel(t)}
            </span>
          ))}
        </div>
        {chart.lanes.map((lane) => (
          <Fragment key={lane.key}>
            <div className={`cd-lane-label cd-lane-${lane.kind}`} aria-hidden="true">
              {(lane.kind === 'queue' || lane.kind === 'agent') && (
                <span className="cd-lane-kind">{LANE_WORD[lane.kind]}</span>
              )}
              <span className="cd-lane-name" title={lane.title}>
                {lane.title}
              </span>
            </div>
            {/* biome-ignore lint/a11y/useSemanticElements: a lane of marks, not of form controls (no fieldset) */}
            <div
              className={`cd-track cd-lane-${lane.kind}`}
              role="group"
              aria-label={
                lane.kind === 'queue' || lane.kind === 'agent'
                  ? `${LANE_WORD[lane.kind]} ${lane.title}`
                  : lane.title
              }
            >
              <div className="cd-track-inner">
                {lane.marks.length === 0 && <span className="cd-lane-unknown">time unknown</span>}
                {ticks.map((t) => (
                  <span key={t} className="cd-gridline" aria-hidden="true" style={{ left: `${pos(t)}%` }} />
                ))}
                {lane.marks.map((m) => {
                  const text = markText(m, time)
                  const left = pos(m.start)
                  const width = pos(m.end) - left
                  const centre = left + width / 2
                  return (
                    <span
                      key={m.key}
                      className={`cd-mark cd-${m.shape} cd-k-${m.kind}${m.derived ? ' cd-derived' : ''}`}
                      style={
                        m.shape === 'bar' ? { left: `${left}%`, width: `${width}%` } : { left: `${left}%` }
                      }
                      role="img"
                      aria-label={text}
                      // biome-ignore lint/a11y/noNoninteractiveTabindex: each mark is focusable so that keyboard users get its times (the tooltip)
                      tabIndex={0}
                    >
                      <span className={`cd-tip ${tipSide(centre)}`} aria-hidden="true">
                        {text}
                      </span>
                    </span>
                  )
                })}
              </div>
            </div>
          </Fragment>
        ))}
      </div>
      <ul className="cd-legend" aria-label="Legend">
        {LEGEND.filter(([k]) => kinds.has(k)).map(([k, words]) => (
          <li key={k}>
            <span className={`cd-swatch cd-k-${k}`} aria-hidden="true" />
            {words}
          </li>
        ))}
      </ul>
      {chart.unknown.length > 0 && (
        <div className="cd-unknown">
          <p className="cd-note">Not on the chart, the record gives no time:</p>
          <ul>
            {chart.unknown.map((u, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list per conversation; texts may repeat
              <li key={i}>{u}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}

/** A tooltip opens towards the middle of the chart so that it stays inside it. */
function tipSide(centre: number): string {
  return centre < 30 ? 'cd-tip-start' : centre > 70 ? 'cd-tip-end' : 'cd-tip-middle'
}

/** Tick labels at the edges align inwards so that they stay inside the axis. */
function edgeClass(p: number): string {
  return p < 6 ? 'cd-tick-first' : p > 94 ? 'cd-tick-last' : ''
}
