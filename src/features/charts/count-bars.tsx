import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { type DrillMarksOptions, drillBackground } from '../../components/drill-marks'
import { barsHeight, COLORS, shortLabel } from './chart-style'

export type CountBar = { label: string; count: number; fill: string }

type Props<T extends CountBar> = {
  bars: readonly T[]
  /** width of the category axis (px) and the characters a label keeps there */
  labelWidth: number
  labelChars: number
  tooltip?: (count: number, bar: T) => string
  /** each bar drills into its category */
  marks?: DrillMarksOptions<T>
}

/** Horizontal bars of conversation counts per category: the shape Channels and Dispositions share. */
export function CountBars<T extends CountBar>({ bars, labelWidth, labelChars, tooltip, marks }: Props<T>) {
  return (
    <ResponsiveContainer width="100%" height={barsHeight(bars.length)}>
      <BarChart
        data={[...bars]}
        layout="vertical"
        // ChartFigure hides the picture from assistive technology (its table is the equivalent): recharts
        // must not make its surface a focusable role=application inside that aria-hidden body
        accessibilityLayer={false}
        margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid horizontal={false} stroke={COLORS.line} />
        <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
        <YAxis
          type="category"
          dataKey="label"
          width={labelWidth}
          tickLine={false}
          axisLine={false}
          interval={0}
          // recharts wraps a tick at the axis width; shortLabel keeps it within, so never wrap
          tick={{ fontSize: 12, width: 400 }}
          tickFormatter={(v) => shortLabel(v, labelChars)}
        />
        <Tooltip
          formatter={tooltip ? (value, _name, item) => tooltip(Number(value), item.payload as T) : undefined}
        />
        <Bar
          dataKey="count"
          name="Conversations"
          fill={COLORS.accent}
          isAnimationActive={false}
          background={marks ? drillBackground(marks) : false}
        />
      </BarChart>
    </ResponsiveContainer>
  )
}
