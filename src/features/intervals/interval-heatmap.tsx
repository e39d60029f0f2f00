// The interval view (issue 9 item 4): a heat map of hour of day × day of week in the display zone,
// coloured by volume, abandon rate or average speed of answer, so a supervisor sees when the queue
// breaks. Numbers from interval-figures.ts.
//
// Like ChartFigure (src/components/chart-figure.tsx) it is a figure named by its caption whose numbers
// are also a table, hidden visually until "Show as table" is pressed. It does not use ChartFigure
// itself: ChartFigure hides its picture from assistive technology (aria-hidden), and this picture is
// interactive. The map is an ARIA grid (a table with role="grid", one tab stop, arrow keys move) whose
// cells are named with their figures, chosen metric first. The table lists only the hours with at
// least one record (the hours with none would be 168 minus that many rows of zeros).

import { type KeyboardEvent, useId, useMemo, useRef, useState } from 'react'
import type { Conversation } from '../../api/conversation'
import type { Drill } from '../../components/drill'
import { formatCount, formatDuration, pluralize } from '../../lib/format'
import { DAYS, DAYS_SHORT, hourOfWeekParam, hourSpan } from '../../lib/hour-of-week'
import { cellLabel, type IntervalCell, intervalFigures, intervalHighlights } from './interval-figures'
import './intervals.css'

export const HEATMAP_TITLE = 'Hour of day × day of week'

type Props = {
  /** the conversations after the page's filters */
  conversations: readonly Conversation[]
  /** the display time zone (IANA) */
  zone: string
  /** a cell (click, Enter or Space) filters the page to the records that started in that hour */
  drill?: Drill
}

export type Metric = 'volume' | 'abandonRate' | 'speedOfAnswer'

type MetricSpec = {
  label: string
  /** the figure the colour shows, null when the cell has none */
  value: (c: IntervalCell) => number | null
  /** the cell's figure in words (its accessible name and the readout) */
  describe: (c: IntervalCell) => string
  /** what a cell is short of when it has no figure */
  noData: string
  /** the figure in the cell itself (a few characters) */
  short: (v: number) => string
  /** the legend's ends */
  legend: (v: number) => string
  /** after the legend's high end */
  unit?: string
  /** light to dark */
  ramp: readonly string[]
}

const percent = (v: number, digits = 1) => `${(v * 100).toFixed(digits)}%`

function describeAbandon(c: IntervalCell): string {
  const r = c.abandonRate
  if (r.value === null) return 'abandon rate: none offered'
  const basis =
    c.abandonedNoQueue > 0
      ? `${formatCount(r.part)} of ${formatCount(r.whole)}: ${formatCount(c.offered)} offered + ${formatCount(c.abandonedNoQueue)} without a queue`
      : `${formatCount(r.part)} of ${formatCount(r.whole)} offered`
  return `abandon rate ${percent(r.value)} (${basis})`
}

function describeSpeed(c: IntervalCell): string {
  const m = c.speedOfAnswer
  if (m.value === null) return c.unknownWaits > 0 ? 'ASA: no known wait' : 'ASA: none answered'
  return `ASA ${formatDuration(m.value)} (${formatCount(m.n)} answered)`
}

/** m:ss below 10 minutes, else whole minutes: fits a narrow cell */
const shortDuration = (sec: number) => (sec < 600 ? formatDuration(sec) : `${Math.round(sec / 60)}m`)

export const METRICS: Record<Metric, MetricSpec> = {
  volume: {
    label: 'Volume',
    value: (c) => (c.records > 0 ? c.records : null),
    describe: (c) => pluralize(c.records, 'record'),
    noData: 'No records',
    short: (v) => (v >= 10_000 ? `${Math.round(v / 1000)}k` : String(v)),
    legend: (v) => formatCount(v),
    unit: 'records',
    ramp: ['#e6eefe', '#b9cdfb', '#7ea3f3', '#3f72e4', '#1d4ed8', '#1e3a8a'],
  },
  abandonRate: {
    label: 'Abandon rate',
    value: (c) => c.abandonRate.value,
    describe: describeAbandon,
    noData: 'None offered',
    short: (v) => (v > 0 && v < 0.005 ? '<1%' : percent(v, 0)),
    legend: (v) => percent(v),
    ramp: ['#fdeeee', '#f8c8c4', '#ef9088', '#dc4d43', '#b91c1c', '#7f1d1d'],
  },
  speedOfAnswer: {
    label: 'Speed of answer',
    value: (c) => c.speedOfAnswer.value,
    describe: describeSpeed,
    noData: 'None answered',
    short: shortDuration,
    legend: (v) => formatDuration(v),
    ramp: ['#fff3e6', '#fed7aa', '#fdae6b', '#f57c22', '#c2410c', '#7c2d12'],
  },
}

const METRIC_ORDER: readonly Metric[] = ['volume', 'abandonRate', 'speedOfAnswer']

/** A cell's accessible name: where, then the chosen metric, then the other two. */
export function cellName(c: IntervalCell, metric: Metric): string {
  const parts = [
    METRICS[metric].describe(c),
    ...METRIC_ORDER.filter((m) => m !== metric).map((m) => METRICS[m].describe(c)),
  ]
  return `${cellLabel(c)}: ${parts.join(', ')}`
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/**
 * The colour at t (0..1) along a ramp of hex stops, and the text colour on it: white or black, whichever
 * contrasts more. Their crossover (relative luminance 0.179) keeps either at 4.58:1 or better, so the
 * cells' 11px figures meet WCAG AA (4.5:1) anywhere on the ramp; slate text (--text) on the mid-ramp
 * and white below luminance 0.3 did not (axe color-contrast). `dark`: the text is light.
 */
export function rampColour(
  ramp: readonly string[],
  t: number,
): { background: string; dark: boolean; text: string } {
  const x = Math.min(1, Math.max(0, t)) * (ramp.length - 1)
  const i = Math.min(ramp.length - 2, Math.floor(x))
  const f = x - i
  const a = hexToRgb(ramp[i] as string)
  const b = hexToRgb(ramp[i + 1] as string)
  const rgb = a.map((v, k) => Math.round(v + ((b[k] as number) - v) * f)) as [number, number, number]
  // relative luminance (sRGB)
  const lum = rgb
    .map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((s, v, k) => s + v * ([0.2126, 0.7152, 0.0722][k] as number), 0)
  // contrast with white (1.05 / (lum + 0.05)) beats contrast with black ((lum + 0.05) / 0.05) below this
  const dark = lum < Math.sqrt(1.05 * 0.05) - 0.05
  return { background: `rgb(${rgb.join(' ')})`, dark, text: dark ? '#fff' : '#000' }
}

type Scale = { min: number; max: number }

/** The chosen figure's lowest and highest over the cells that have it (the legend's ends). */
function scaleOf(cells: readonly IntervalCell[], metric: Metric): Scale | null {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const c of cells) {
    const v = METRICS[metric].value(c)
    if (v === null) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  return min <= max ? { min, max } : null
}

function tableRows(cells: readonly IntervalCell[]) {
  const shown = cells.filter((c) => c.records > 0)
  return {
    rows: shown.map((c) => [
      DAYS[c.day] as string,
      hourSpan(c.hour),
      c.records,
      c.offered,
      c.abandoned,
      c.abandonRate.value === null ? '' : percent(c.abandonRate.value),
      formatDuration(c.speedOfAnswer.value),
      c.speedOfAnswer.n,
    ]),
    keys: shown.map((c) => `${c.day}-${c.hour}`),
  }
}

const TABLE_COLUMNS = [
  'Day',
  'Hour',
  'Records',
  'Offered',
  'Abandoned',
  'Abandon rate',
  'Average speed of answer',
  'Answered with a known wait',
]

/** Volume, abandon rate and speed of answer by hour of day × day of week, in `zone`. */
export function IntervalHeatmap({ conversations, zone, drill }: Props) {
  const figures = useMemo(() => intervalFigures(conversations, zone), [conversations, zone])
  const { cells, noStart } = figures
  const highlights = useMemo(() => intervalHighlights(cells), [cells])
  const [metric, setMetric] = useState<Metric>('volume')
  const [asTable, setAsTable] = useState(false)
  const captionId = useId()
  const radioName = useId()
  const placed = figures.records - noStart
  const empty = placed === 0
  const table = useMemo(() => tableRows(cells), [cells])
  const scale = useMemo(() => scaleOf(cells, metric), [cells, metric])
  const busiest = highlights.busiest
  const home = useMemo(() => ({ day: busiest?.day ?? 0, hour: busiest?.hour ?? 0 }), [busiest])

  return (
    <figure className="chart-figure interval-heatmap" aria-labelledby={captionId}>
      <div className="chart-head">
        <figcaption id={captionId}>{HEATMAP_TITLE}</figcaption>
        {!empty && (
          <button
            type="button"
            className="link-button"
            aria-pressed={asTable}
            onClick={() => setAsTable(!asTable)}
          >
            {asTable ? 'Show as chart' : 'Show as table'}
          </button>
        )}
      </div>
      <p className="muted chart-description">
        Hours in {zone}; each record counts in the hour it started, the weeks of the range added up.
        {drill && ' Press a cell to filter the page to that hour.'}
      </p>
      {empty ? (
        <p className="muted chart-empty">No conversations</p>
      ) : (
        <>
          <Summary highlights={highlights} />
          {!asTable && (
            <>
              <div className="ih-controls">
                <fieldset className="ih-metric">
                  {/* a legend will not lay out in a row with the buttons: hidden, and shown by a span */}
                  <legend className="visually-hidden">Colour by</legend>
                  <span className="ih-metric-title" aria-hidden="true">
                    Colour by
                  </span>
                  {METRIC_ORDER.map((m) => (
                    <label key={m} className={`ih-segment${metric === m ? ' is-checked' : ''}`}>
                      <input
                        type="radio"
                        name={radioName}
                        value={m}
                        checked={metric === m}
                        onChange={() => setMetric(m)}
                      />
                      {METRICS[m].label}
                    </label>
                  ))}
                </fieldset>
                <Legend metric={metric} scale={scale} />
              </div>
              <HeatGrid cells={cells} metric={metric} scale={scale} home={home} drill={drill} />
            </>
          )}
        </>
      )}
      {noStart > 0 && (
        <p className="muted ih-note">
          {pluralize(noStart, 'record')} without a start time {noStart === 1 ? 'is' : 'are'} not placed.
        </p>
      )}
      {/* hidden by a wrapper: a table ignores the 1px box of .visually-hidden and would widen the page */}
      <div className={asTable && !empty ? 'chart-table-wrap ih-table-wrap' : 'visually-hidden'}>
        <table className="data chart-table" aria-label={HEATMAP_TITLE}>
          <thead>
            <tr>
              {TABLE_COLUMNS.map((c) => (
                <th key={c} scope="col" className={c === 'Day' || c === 'Hour' ? undefined : 'num'}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={table.keys[r]}>
                {row.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <td key={i} className={i >= 2 ? 'num' : undefined}>
                    {typeof cell === 'number' ? formatCount(cell) : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  )
}

function Summary({ highlights }: { highlights: ReturnType<typeof intervalHighlights> }) {
  const { busiest, worstAbandon, minWhole, abandonBasis } = highlights
  if (busiest === null) return null
  const r = worstAbandon?.abandonRate
  return (
    <p className="ih-summary">
      Busiest hour: <strong>{cellLabel(busiest)}</strong>, {pluralize(busiest.records, 'record')}.{' '}
      {worstAbandon !== null && r !== undefined && r.value !== null ? (
        <>
          Highest abandon rate{minWhole > 1 ? ` (hours with ${minWhole}+ offered)` : ''}:{' '}
          <strong className="ih-danger">{cellLabel(worstAbandon)}</strong>, {percent(r.value)} (
          {formatCount(r.part)} of {formatCount(r.whole)}).
        </>
      ) : abandonBasis > 0 ? (
        'No abandons.'
      ) : null}
    </p>
  )
}

function Legend({ metric, scale }: { metric: Metric; scale: Scale | null }) {
  const spec = METRICS[metric]
  return (
    // the colours' key: the cells' names carry their figures, so it is for the eye only
    <div className="ih-legend" aria-hidden="true">
      {scale !== null && (
        <span className="ih-legend-scale">
          <span className="ih-legend-end">{spec.legend(scale.min)}</span>
          <span
            className="ih-legend-bar"
            style={{ background: `linear-gradient(to right, ${spec.ramp.join(', ')})` }}
          />
          <span className="ih-legend-end">
            {spec.legend(scale.max)}
            {spec.unit ? ` ${spec.unit}` : ''}
          </span>
        </span>
      )}
      <span className="ih-legend-none">
        <span className="ih-swatch ih-nodata" />
        {spec.noData}
      </span>
    </div>
  )
}

type At = { day: number; hour: number }

/** The grid's keys (APG data grid): arrows by one cell, Home/End to the row's ends, Ctrl to the grid's. */
const KEYS: Record<string, (at: At, ctrl: boolean) => At> = {
  ArrowRight: ({ day, hour }) => ({ day, hour: Math.min(23, hour + 1) }),
  ArrowLeft: ({ day, hour }) => ({ day, hour: Math.max(0, hour - 1) }),
  ArrowDown: ({ day, hour }) => ({ day: Math.min(6, day + 1), hour }),
  ArrowUp: ({ day, hour }) => ({ day: Math.max(0, day - 1), hour }),
  Home: ({ day }, ctrl) => ({ day: ctrl ? 0 : day, hour: 0 }),
  End: ({ day }, ctrl) => ({ day: ctrl ? 6 : day, hour: 23 }),
}

type GridProps = {
  cells: readonly IntervalCell[]
  metric: Metric
  scale: Scale | null
  /** where the tab stop is until the user moves it */
  home: At
  drill?: Drill | undefined
}

function HeatGrid({ cells, metric, scale, home, drill }: GridProps) {
  const spec = METRICS[metric]
  // the one cell in the tab order (roving tabindex); the busiest hour until the user moves
  const [active, setActive] = useState<At | null>(null)
  const [hover, setHover] = useState<At | null>(null)
  const [focused, setFocused] = useState(false)
  const refs = useRef<(HTMLTableCellElement | null)[]>([])
  const start = active ?? home

  const move = (e: KeyboardEvent, at: At) => {
    if (drill && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault()
      drill.toggle('hours', hourOfWeekParam(at.day * 24 + at.hour))
      return
    }
    const step = KEYS[e.key]
    if (step === undefined) return
    e.preventDefault()
    const to = step(at, e.ctrlKey)
    setActive(to)
    refs.current[to.day * 24 + to.hour]?.focus()
  }

  const shown = hover ?? (focused ? start : null)
  const shownCell = shown === null ? null : (cells[shown.day * 24 + shown.hour] ?? null)

  return (
    <>
      <div className="ih-scroll">
        <table
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: APG's data grid is a table with role=grid
          role="grid"
          className="ih-grid"
          aria-label={`${spec.label} by day and hour`}
          onMouseLeave={() => setHover(null)}
        >
          <thead>
            <tr>
              <th scope="col" className="ih-corner">
                <span className="visually-hidden">Day</span>
              </th>
              {Array.from({ length: 24 }, (_, h) => (
                <th
                  // biome-ignore lint/suspicious/noArrayIndexKey: the hours are positional
                  key={h}
                  scope="col"
                  className={shown?.hour === h ? 'ih-hour is-current' : 'ih-hour'}
                  aria-label={hourSpan(h)}
                >
                  {String(h).padStart(2, '0')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DAYS.map((dayName, day) => (
              <tr key={dayName}>
                <th
                  scope="row"
                  className={shown?.day === day ? 'ih-day is-current' : 'ih-day'}
                  aria-label={dayName}
                >
                  {DAYS_SHORT[day]}
                </th>
                {cells.slice(day * 24, day * 24 + 24).map((c) => {
                  const v = spec.value(c)
                  const colour =
                    v === null || scale === null
                      ? null
                      : rampColour(
                          spec.ramp,
                          scale.max === scale.min ? 0.5 : (v - scale.min) / (scale.max - scale.min),
                        )
                  const isActive = c.day === start.day && c.hour === start.hour
                  const at = { day: c.day, hour: c.hour }
                  const param = hourOfWeekParam(c.day * 24 + c.hour)
                  const picked = drill?.isSelected('hours', param) ?? false
                  return (
                    <td
                      key={c.hour}
                      ref={(el) => {
                        refs.current[c.day * 24 + c.hour] = el
                      }}
                      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a cell of the grid above (said outright: not every tool infers it)
                      role="gridcell"
                      tabIndex={isActive ? 0 : -1}
                      aria-label={cellName(c, metric)}
                      aria-selected={drill ? picked : undefined}
                      className={`ih-cell${colour === null ? ' ih-nodata' : ''}${colour?.dark ? ' is-dark' : ''}${picked ? ' is-picked' : ''}${drill ? ' is-drillable' : ''}`}
                      style={
                        colour === null ? undefined : { background: colour.background, color: colour.text }
                      }
                      onFocus={() => {
                        setActive(at)
                        setFocused(true)
                      }}
                      onBlur={() => setFocused(false)}
                      onMouseEnter={() => setHover(at)}
                      onKeyDown={(e) => move(e, at)}
                      onClick={drill && (() => drill.toggle('hours', param))}
                    >
                      <span className="ih-value" aria-hidden="true">
                        {v === null ? '' : spec.short(v)}
                      </span>
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="ih-readout" aria-hidden="true">
        {shownCell === null ? (
          <span className="muted">Point at or focus an hour for its figures.</span>
        ) : (
          <>
            <strong>{cellLabel(shownCell)}</strong> · {METRICS.volume.describe(shownCell)} ·{' '}
            {METRICS.abandonRate.describe(shownCell)} · {METRICS.speedOfAnswer.describe(shownCell)}
          </>
        )}
      </p>
    </>
  )
}
