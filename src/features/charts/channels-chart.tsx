import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import { channelCounts, UNKNOWN_CHANNEL } from './aggregations'
import { barsHeight, COLORS, formatShare, shortLabel } from './chart-style'

type Props = { conversations: readonly Conversation[] }

/** Conversations per channel: every conversation counts once, so the counts add up to the status count. */
export function ChannelsChart({ conversations }: Props) {
  const rows = useMemo(() => channelCounts(conversations), [conversations])
  // each bar's own fill (recharts reads it from the data entry): Unknown channel in grey
  const bars = useMemo(
    () => rows.map((r) => ({ ...r, fill: r.label === UNKNOWN_CHANNEL ? COLORS.muted : COLORS.accent })),
    [rows],
  )
  return (
    <ChartFigure
      title="Channels"
      description={conversations.length > 0 ? 'Each conversation counts once.' : undefined}
      emptyMessage={conversations.length === 0 ? 'No conversations' : undefined}
      table={{
        columns: ['Channel', 'Conversations', 'Share'],
        rows: rows.map((r) => [r.label, r.count, formatShare(r.share)]),
      }}
    >
      <ResponsiveContainer width="100%" height={barsHeight(rows.length)}>
        <BarChart data={bars} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid horizontal={false} stroke={COLORS.line} />
          <XAxis type="number" allowDecimals={false} tickLine={false} axisLine={false} />
          <YAxis
            type="category"
            dataKey="label"
            width={140}
            tickLine={false}
            axisLine={false}
            interval={0}
            // recharts wraps a tick at the axis width; shortLabel keeps it within, so never wrap
            tick={{ fontSize: 12, width: 400 }}
            tickFormatter={(v) => shortLabel(v, 20)}
          />
          <Tooltip
            formatter={(value, _name, item) => {
              const share = (item.payload as { share?: number } | undefined)?.share
              return `${Number(value).toLocaleString('en-US')}${share === undefined ? '' : ` (${formatShare(share)})`}`
            }}
          />
          <Bar dataKey="count" name="Conversations" fill={COLORS.accent} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  )
}
