import { type ReactNode, useId, useState } from 'react'

export type ChartTable = {
  columns: string[]
  rows: (string | number)[][]
}

type Props = { title: string; description?: string; table: ChartTable; children: ReactNode }

/**
 * A chart as a named figure whose numbers are also a table: hidden visually (not from assistive
 * technology) until "Show as table" is pressed.
 */
export function ChartFigure({ title, description, table, children }: Props) {
  const [asTable, setAsTable] = useState(false)
  const captionId = useId()
  return (
    <figure className="chart-figure" aria-labelledby={captionId}>
      <div className="chart-head">
        <figcaption id={captionId}>{title}</figcaption>
        <button
          type="button"
          className="link-button"
          aria-pressed={asTable}
          onClick={() => setAsTable(!asTable)}
        >
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {description && <p className="muted chart-description">{description}</p>}
      {!asTable && (
        <div className="chart-body" aria-hidden="true">
          {children}
        </div>
      )}
      <table className={asTable ? 'data chart-table' : 'visually-hidden'} aria-label={title}>
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
          {table.rows.map((row) => (
            <tr key={String(row[0])}>
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
    </figure>
  )
}
