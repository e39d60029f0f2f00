import { useMemo } from 'react'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import { BOT_ONLY_NO_DISPOSITION, dispositionCounts, NO_DISPOSITION, topWithOther } from './aggregations'
import { COLORS } from './chart-style'
import { CountBars } from './count-bars'

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
    fill:
      b.label === NO_DISPOSITION || b.label === BOT_ONLY_NO_DISPOSITION || b.label === otherLabel
        ? COLORS.muted
        : COLORS.accent,
  }))
  const description =
    `A conversation with several dispositions counts under each; one with none counts as “${NO_DISPOSITION}” (bot-only sessions apart).` +
    (others > 0 ? ` The chart shows the top ${TOP_DISPOSITIONS}; the table lists all ${rows.length}.` : '')
  return (
    <ChartFigure
      title="Dispositions"
      description={conversations.length > 0 ? description : undefined}
      emptyMessage={conversations.length === 0 ? 'No conversations' : undefined}
      table={{ columns: ['Disposition', 'Conversations'], rows: rows.map((r) => [r.label, r.count]) }}
    >
      <CountBars bars={bars} labelWidth={150} labelChars={21} />
    </ChartFigure>
  )
}
