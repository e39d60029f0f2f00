// The focusable, named marks of a drillable recharts bar chart. Each category's whole band (its bar
// and the empty space beside it, a bigger target than a thin bar) is drawn by a Bar's `background` as
// a role=button with the category's figures as its name; the bars themselves let the pointer through
// (charts.css). One mark per chart is in the tab order; the arrow keys move between them (roving
// tabindex), Enter and Space drill.

import type { KeyboardEvent } from 'react'
import type { Drill, DrillField } from './drill'

type Band = { x?: number | null; y?: number | null; width?: number; height?: number }

/** What recharts passes a Bar's `background` renderer that is used here. */
type BackgroundProps = { index: number; payload?: unknown; background?: Band } & Band

export type DrillMarksOptions<T> = {
  drill: Drill
  field: DrillField
  /** the filter value of a data entry; null = not drillable (a summed "Other" bar) */
  filterValue(entry: T): string | null
  /** the mark's accessible name: the category and its figures */
  nameOf(entry: T): string
}

const MARK = '[data-drill-mark]'

/** Arrow keys move to the previous or next mark of the same chart; Home and End to its ends. */
function moveFocus(e: KeyboardEvent<SVGGElement>): boolean {
  const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[e.key]
  const body = e.currentTarget.closest('.chart-body')
  if (body === null || (step === undefined && e.key !== 'Home' && e.key !== 'End')) return false
  const marks = [...body.querySelectorAll<SVGGElement>(MARK)]
  const at = marks.indexOf(e.currentTarget)
  const to =
    e.key === 'Home'
      ? 0
      : e.key === 'End'
        ? marks.length - 1
        : Math.min(marks.length - 1, Math.max(0, at + (step ?? 0)))
  const next = marks[to]
  if (next === undefined || next === e.currentTarget) return true
  for (const m of marks) m.setAttribute('tabindex', m === next ? '0' : '-1')
  next.focus()
  return true
}

/**
 * A Bar's `background` prop that draws each drillable entry's band as a mark. recharts calls it as a
 * function (not a component), so a new one per render does not remount the marks.
 */
export function drillBackground<T>({ drill, field, filterValue, nameOf }: DrillMarksOptions<T>) {
  return (props: BackgroundProps) => {
    const entry = props.payload as T
    const value = filterValue(entry)
    const band = props.background ?? props
    if (value === null || band.x == null || band.y == null) return <g />
    const pressed = drill.isSelected(field, value)
    return (
      // biome-ignore lint/a11y/useSemanticElements: an SVG mark cannot be a <button>
      <g
        role="button"
        tabIndex={props.index === 0 ? 0 : -1}
        aria-label={nameOf(entry)}
        aria-pressed={pressed}
        className={pressed ? 'drill-mark is-pressed' : 'drill-mark'}
        data-drill-mark=""
        onClick={() => drill.toggle(field, value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            drill.toggle(field, value)
          } else if (moveFocus(e)) e.preventDefault()
        }}
      >
        <rect className="drill-hit" x={band.x} y={band.y} width={band.width} height={band.height} />
      </g>
    )
  }
}
