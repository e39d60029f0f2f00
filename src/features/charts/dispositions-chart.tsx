import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import { dispositionCounts, NO_DISPOSITION, topWithOther } from './aggregations'
import { barsHeight, COLORS, shortLabel } from './chart-style'

type Props = { conversations: readonly Conversation[] }

/** Bars shown in the chart; the rest are summed into one "Other" bar (the table lists every value). */
export const TOP_DISPOSITIONS = 12

export function DispositionsChart({ conversations }: Props) {
  const rows = useMemo(() => dispositionCounts(conversations), [conversations])
  const others = rows.length - TOP_DISPOSITIONS
  const otherLabel = `Other (${others} more)`
  // each bar's own fill (recharts reads it from the data entry): the catch-all bars in grey
  const bars = topWithOther(rows, TOP_DISPOSITIONS, otherLabel).map((b) => ({
    ...b,
    fill: b.label === NO_DISPOSITION || b.label === otherLabel ? COLORS.muted : COLORS.accent,
  }))
  const description =
    `A conversation with several dispositions counts under each; one with none counts as “${NO_DISPOSITION}”.` +
    (others > 0 ? ` The chart shows the top ${TOP_DISPOSITIONS}; the table lists all ${rows.length}.` : '')
  return (
    <ChartFigure
      title="Dispositions"
      description={conversations.length > 0 ? description : undefined}
      emptyMessage={conversations.length === 0 ? 'No conversations' : undefined}
      table={{ columns: ['Disposition', 'Conversations'], rows: rows.map((r) => [r.label, r.count]) }}
    >
      <ResponsiveContainer width="100%" height={barsHeight(bars.length)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid horizontal={false} stroke={COLORS.line} />
          <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
          <YAxis
            type="category"
            dataKey="label"
            width={150}
            tickLine={false}
            axisLine={false}
            interval={0}
            // recharts wraps a tick at the axis width; shortLabel keeps it within, so never wrap
            tick={{ fontSize: 12, width: 400 }}
            tickFormatter={(v) => shortLabel(v, 21)}
          />
          <Tooltip />
          <Bar dataKey="count" name="Conversations" fill={COLORS.accent} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  )
}
