import 'react-day-picker/style.css'
import './range-picker.css'
import { TZDate } from '@date-fns/tz'
import { addDays, addMonths, startOfMonth } from 'date-fns'
import {
  type ComponentProps,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'
import {
  type DateLib,
  type DateRange,
  DayPicker,
  formatDay,
  labelDayButton,
  type Matcher,
  type Modifiers,
} from 'react-day-picker'
import { formatDateTime } from '../../lib/format'
import {
  dayDifference,
  END_OF_DAY_TIME,
  formatRangeLabel,
  MAX_DAYS,
  MAX_NIGHTS,
  rangeWithTimes,
  timeOfDay,
} from './range-draft'
import { matchingPreset, PRESETS, presetRange } from './range-presets'
import { rangeProblem, type TimeRange } from './range-rules'

// react-day-picker marks captions and footer role=status; the page's one status is the conversation count
// (CONTRACT.md), so these stay polite live regions without the role.
const liveRegionComponents = {
  CaptionLabel: ({ role: _role, ...props }: ComponentProps<'span'>) => <span {...props} />,
  Footer: ({ role: _role, ...props }: ComponentProps<'div'>) => <div {...props} />,
}

/**
 * A day button's accessible name begins with what it shows ("18, Monday, November 18th, 2024"): a
 * voice-control user says the visible number, and WCAG 2.5.3 (axe's label-content-name-mismatch) wants
 * the visible label inside the name. DayPicker's own label is the full date alone ("18th" is not "18").
 */
export function dayButtonLabel(
  date: Date,
  modifiers: Modifiers,
  options?: DateLib['options'],
  dateLib?: DateLib,
) {
  return `${formatDay(date, options, dateLib)}, ${labelDayButton(date, modifiers, options, dateLib)}`
}

const labels = { labelDayButton: dayButtonLabel }

type Props = {
  /** The range shown (null when the URL names none that can be loaded). */
  range: TimeRange | null
  /** The display time zone: every day boundary is taken there. */
  zone: string
  /** The clock for presets and "today". Omit it to read Date.now() each time the picker opens. */
  now?: number
  /** A new range (whole days, or refined with times of day); the page writes it to the URL. */
  onChange: (range: TimeRange) => void
}

/** A button naming the range that opens a popover: presets, a two-month calendar, optional times. */
export function RangePicker({ range, zone, now, onChange }: Props) {
  const [openedAt, setOpenedAt] = useState<number | null>(null)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const open = openedAt !== null

  const close = useCallback((returnFocus: boolean) => {
    setOpenedAt(null)
    if (returnFocus) buttonRef.current?.focus()
  }, [])

  // A press outside closes the popover, leaving focus where the user put it.
  useEffect(() => {
    if (!open) return
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) close(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open, close])

  return (
    <div className="range-picker" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="range-picker-trigger"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => (open ? close(true) : setOpenedAt(now ?? Date.now()))}
      >
        <CalendarIcon />
        <span className="visually-hidden">Date range:</span>{' '}
        <span>{range ? formatRangeLabel(range, zone) : 'Choose a range'}</span>
        <ChevronIcon />
      </button>
      {openedAt !== null && (
        <RangePanel
          id={panelId}
          range={range}
          zone={zone}
          now={openedAt}
          onApply={(next) => {
            onChange(next)
            close(true)
          }}
          onCancel={() => close(true)}
          onFocusLeave={(next) => {
            // Tabbing out of the popover closes it; moving back to the button does not.
            if (!rootRef.current?.contains(next)) close(false)
          }}
        />
      )}
    </div>
  )
}

type PanelProps = {
  id: string
  range: TimeRange | null
  zone: string
  now: number
  onApply: (range: TimeRange) => void
  onCancel: () => void
  /** Focus went from inside the panel to `next` (not to nowhere, as a click on the panel's padding does). */
  onFocusLeave: (next: Node) => void
}

function RangePanel({ id, range, zone, now, onApply, onCancel, onFocusLeave }: PanelProps) {
  const panelRef = useRef<HTMLDivElement>(null)
  const titleId = useId()
  const fromId = useId()
  const toId = useId()
  // The draft lives here until Apply; days are TZDates in the display zone, as DayPicker hands them back.
  const [selected, setSelected] = useState<DateRange | undefined>(() =>
    range ? { from: new TZDate(range.start, zone), to: new TZDate(range.end, zone) } : undefined,
  )
  const [fromTime, setFromTime] = useState(() => (range ? timeOfDay(range.start, zone) : '00:00'))
  const [toTime, setToTime] = useState(() => (range ? timeOfDay(range.end, zone) : END_OF_DAY_TIME))
  const [firstMonth] = useState(() => startOfMonth(addMonths(new TZDate(range?.end ?? now, zone), -1)))

  // Focus moves into the popover: DayPicker's autoFocus takes the first selected day (or today); if no day
  // can take it, the panel itself does. Child effects run first, so this sees where DayPicker put focus.
  useEffect(() => {
    const panel = panelRef.current
    if (panel && !panel.contains(document.activeElement)) panel.focus()
  }, [])

  const today = new TZDate(now, zone)
  const from = selected?.from
  const pickingEnd = from !== undefined && selected?.to === undefined
  const disabled: Matcher[] = [(day: Date) => dayDifference(day, now, zone) > 0]
  if (from && pickingEnd) {
    // SmartAssist's 7-day rule, in calendar days of the display zone, either side of the first pick.
    disabled.push((day: Date) => Math.abs(dayDifference(day, from, zone)) > MAX_NIGHTS)
  }

  const draft = from ? rangeWithTimes(+from, +(selected?.to ?? from), fromTime, toTime, zone) : null
  const problem = draft ? rangeProblem(draft) : null
  const dayLabel = (ms: number) => formatDateTime(ms, zone, 'EEE, MMM d')
  const activePreset = matchingPreset(range, now, zone)

  const footer = !from ? (
    'Pick the first day.'
  ) : pickingEnd ? (
    <span className="range-picker-hint">
      Now pick the last day, {dayLabel(+addDays(from, -MAX_NIGHTS))} to{' '}
      {dayLabel(Math.min(+addDays(from, MAX_NIGHTS), now))}: SmartAssist allows at most {MAX_DAYS} days per
      range.
    </span>
  ) : draft ? (
    `${formatRangeLabel(draft, zone)} · ${dayCount(draft, zone)}`
  ) : null

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.stopPropagation()
    onCancel()
  }

  return (
    <div
      id={id}
      ref={panelRef}
      role="dialog"
      aria-labelledby={titleId}
      tabIndex={-1}
      className="range-picker-panel"
      onKeyDown={onKeyDown}
      onBlur={(event) => {
        const next = event.relatedTarget
        if (next instanceof Node && !event.currentTarget.contains(next)) onFocusLeave(next)
      }}
    >
      <h2 id={titleId} className="visually-hidden">
        Choose a date range
      </h2>
      <fieldset className="range-picker-presets">
        <legend className="visually-hidden">Quick ranges</legend>
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className={preset.id === activePreset ? 'active' : undefined}
            aria-current={preset.id === activePreset ? 'true' : undefined}
            onClick={() => onApply(presetRange(preset.id, now, zone))}
          >
            {preset.label}
          </button>
        ))}
      </fieldset>
      <div className="range-picker-main">
        <DayPicker
          mode="range"
          required
          resetOnSelect
          autoFocus
          timeZone={zone}
          today={today}
          weekStartsOn={1}
          numberOfMonths={2}
          defaultMonth={firstMonth}
          endMonth={today}
          max={MAX_NIGHTS}
          selected={selected}
          onSelect={setSelected}
          disabled={disabled}
          footer={footer}
          components={liveRegionComponents}
          labels={labels}
        />
        <fieldset className="range-picker-times">
          <legend className="visually-hidden">Times of day</legend>
          <div className="range-picker-time">
            <label htmlFor={fromId}>From</label>
            <span className="range-picker-day">{from ? dayLabel(+from) : '–'}</span>
            <input
              id={fromId}
              type="time"
              value={fromTime}
              onChange={(event) => setFromTime(event.target.value)}
            />
          </div>
          <div className="range-picker-time">
            <label htmlFor={toId}>To</label>
            <span className="range-picker-day">{from ? dayLabel(+(selected?.to ?? from)) : '–'}</span>
            <input id={toId} type="time" value={toTime} onChange={(event) => setToTime(event.target.value)} />
          </div>
        </fieldset>
        <span className="range-picker-zone muted">Times of day are in {zone}</span>
        {problem && (
          <p className="range-picker-problem" role="alert">
            {problem}
          </p>
        )}
        <div className="range-picker-actions">
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!draft || problem !== null}
            onClick={() => draft && onApply(draft)}
          >
            Apply
          </button>
        </div>
      </div>
    </div>
  )
}

function dayCount(range: TimeRange, zone: string): string {
  const days = dayDifference(range.end, range.start, zone) + 1
  return days === 1 ? '1 day' : `${days} days`
}

function CalendarIcon() {
  return (
    <svg
      aria-hidden="true"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      className="range-picker-icon"
    >
      <rect x="2" y="3" width="12" height="11" rx="2" stroke="currentColor" strokeWidth="1.4" />
      <path
        d="M2 6.5h12M5.5 1.5v3M10.5 1.5v3"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
      />
    </svg>
  )
}

function ChevronIcon() {
  return (
    <svg
      aria-hidden="true"
      width="12"
      height="12"
      viewBox="0 0 12 12"
      fill="none"
      className="range-picker-chevron"
    >
      <path d="M3 4.5 6 7.5 9 4.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
    </svg>
  )
}
