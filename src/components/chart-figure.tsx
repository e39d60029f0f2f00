import { type ReactNode, useId, useState } from 'react'

export type ChartTable = {
  columns: string[]
  rows: (string | number)[][]
  /** React keys for the rows when their first cells may repeat (two agents of one name); default: the first cell */
  rowKeys?: string[]
}

type Props = {
  title: string
  description?: string
  table: ChartTable
  /** shown (to everyone) in place of the chart when there is nothing to draw, e.g. "No conversations" */
  emptyMessage?: string
  /**
   * The picture holds drill marks (drill-marks.tsx): it stays in the accessibility tree with only its
   * marks exposed, its axes, grid, legend and tooltip hidden.
   */
  drillable?: boolean
  children: ReactNode
}

/**
 * recharts 3.11 draws each z-index layer as a bare <g> that React uses as a portal container; React
 * listens for focus events on every portal container, and Chromium makes an SVG element with focus
 * listeners keyboard-focusable: four invisible tab stops per chart, inside the aria-hidden picture
 * (axe cannot see them: listeners are not in the DOM). tabindex="-1" takes them out of the tab order
 * (as recharts did in recharts#6687, undone by #7805). Layers come and go as the chart re-renders.
 */
const RECHARTS_LAYERS = 'g[class*="recharts-zIndex-layer_"]:not([tabindex])'

function keepOutOfTabOrder(body: HTMLDivElement | null) {
  if (body === null) return
  const untab = () => {
    for (const layer of body.querySelectorAll(RECHARTS_LAYERS)) layer.setAttribute('tabindex', '-1')
  }
  untab()
  const observer = new MutationObserver(untab)
  observer.observe(body, { childList: true, subtree: true })
  return () => observer.disconnect()
}

const MARK = '[data-drill-mark]'

/**
 * A drillable picture: everything but the marks is hidden from assistive technology (the tick labels
 * would be read as loose text; the table has them), and a mark that had focus when a drill redrew the
 * chart hands focus to the chart's pressed mark, else its first, rather than losing it to the page.
 */
function exposeMarksOnly(body: HTMLDivElement | null) {
  if (body === null) return
  let hadFocus = false
  const onFocusIn = () => {
    hadFocus = true
  }
  const onFocusOut = (e: FocusEvent) => {
    // a mark removed while focused blurs with no relatedTarget: keep the flag for the redraw
    if (e.relatedTarget !== null) hadFocus = false
  }
  const tidy = () => {
    for (const layer of body.querySelectorAll(RECHARTS_LAYERS)) layer.setAttribute('tabindex', '-1')
    for (const part of body.querySelectorAll('svg > *, .recharts-legend-wrapper, .recharts-tooltip-wrapper'))
      if (part.querySelector(MARK) === null) part.setAttribute('aria-hidden', 'true')
      else part.removeAttribute('aria-hidden')
    if (hadFocus && (document.activeElement === document.body || document.activeElement === null)) {
      const next = body.querySelector<SVGGElement>(`${MARK}[aria-pressed="true"]`) ?? body.querySelector(MARK)
      if (next) {
        for (const m of body.querySelectorAll(MARK)) m.setAttribute('tabindex', m === next ? '0' : '-1')
        next.focus()
      }
    }
  }
  tidy()
  body.addEventListener('focusin', onFocusIn)
  body.addEventListener('focusout', onFocusOut)
  const observer = new MutationObserver(tidy)
  observer.observe(body, { childList: true, subtree: true })
  return () => {
    observer.disconnect()
    body.removeEventListener('focusin', onFocusIn)
    body.removeEventListener('focusout', onFocusOut)
  }
}

/**
 * A chart as a named figure whose numbers are also a table: hidden visually (not from assistive
 * technology) until "Show as table" is pressed.
 *
 * The picture (children) is aria-hidden, the table being its equivalent, so nothing in it may take
 * focus (axe aria-hidden-focus): a recharts chart needs `accessibilityLayer={false}`, which keeps its
 * surface from being a tab stop with role=application. A drillable picture (`drillable`) exposes its
 * marks, named buttons, and hides the rest.
 */
export function ChartFigure({ title, description, table, emptyMessage, drillable = false, children }: Props) {
  const [asTable, setAsTable] = useState(false)
  const captionId = useId()
  return (
    <figure className="chart-figure" aria-labelledby={captionId}>
      <div className="chart-head">
        <figcaption id={captionId}>{title}</figcaption>
        {emptyMessage === undefined && (
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
      {description && <p className="muted chart-description">{description}</p>}
      {emptyMessage !== undefined ? (
        <p className="muted chart-empty">{emptyMessage}</p>
      ) : (
        !asTable && (
          <div
            className="chart-body"
            aria-hidden={drillable ? undefined : true}
            data-drillable={drillable || undefined}
            ref={drillable ? exposeMarksOnly : keepOutOfTabOrder}
          >
            {children}
          </div>
        )
      )}
      {/* hidden by a wrapper: a table ignores the 1px box of .visually-hidden and would widen the page */}
      <div className={asTable && emptyMessage === undefined ? 'chart-table-wrap' : 'visually-hidden'}>
        <table className="data chart-table" aria-label={title}>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={table.rowKeys?.[r] ?? String(row[0])}>
                {row.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
                  <td key={i} className={typeof cell === 'number' ? 'num' : undefined}>
                    {typeof cell === 'number' ? cell.toLocaleString('en-US') : cell}
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
