import { useMemo } from 'react'
import { UNKNOWN_CHANNEL } from '../../api/categories'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import type { Drill } from '../../components/drill'
import { formatCount } from '../../lib/format'
import { channelCounts } from './aggregations'
import { COLORS, formatShare } from './chart-style'
import { CountBars } from './count-bars'

type Props = {
  conversations: readonly Conversation[]
  /** a bar filters the page to its channel */
  drill?: Drill
}

/** Conversations per channel: every conversation counts once, so the counts add up to the status count. */
export function ChannelsChart({ conversations, drill }: Props) {
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
      drillable={drill !== undefined}
      table={{
        columns: ['Channel', 'Conversations', 'Share'],
        rows: rows.map((r) => [r.label, r.count, formatShare(r.share)]),
      }}
    >
      <CountBars<(typeof bars)[number]>
        bars={bars}
        labelWidth={140}
        labelChars={20}
        tooltip={(count, bar) => `${count.toLocaleString('en-US')} (${formatShare(bar.share)})`}
        {...(drill && {
          marks: {
            drill,
            field: 'channels',
            filterValue: (bar) => bar.label,
            nameOf: (bar) => `${bar.label}: ${formatCount(bar.count)} (${formatShare(bar.share)})`,
          },
        })}
      />
    </ChartFigure>
  )
}
