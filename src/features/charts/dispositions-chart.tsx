import { useMemo } from 'react'
import { BOT_ONLY_NO_DISPOSITION, NO_DISPOSITION } from '../../api/categories'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import type { Drill } from '../../components/drill'
import { formatCount } from '../../lib/format'
import { dispositionCounts, topWithOther } from './aggregations'
import { COLORS } from './chart-style'
import { CountBars } from './count-bars'

type Props = {
  conversations: readonly Conversation[]
  /** a bar filters the page to its disposition ("Other" sums many: it does not) */
  drill?: Drill
}

/** Bars shown in the chart; the rest are summed into one "Other" bar (the table lists every value). */
export const TOP_DISPOSITIONS = 12

export function DispositionsChart({ conversations, drill }: Props) {
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
      drillable={drill !== undefined}
      table={{ columns: ['Disposition', 'Conversations'], rows: rows.map((r) => [r.label, r.count]) }}
    >
      <CountBars
        bars={bars}
        labelWidth={150}
        labelChars={21}
        {...(drill && {
          marks: {
            drill,
            field: 'dispositions',
            filterValue: (bar) => (bar.label === otherLabel ? null : bar.label),
            nameOf: (bar) => `${bar.label}: ${formatCount(bar.count)}`,
          },
        })}
      />
    </ChartFigure>
  )
}
