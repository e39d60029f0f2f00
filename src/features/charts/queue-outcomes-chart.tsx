import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Conversation } from '../../api/conversation'
import { queueFigures } from '../../api/figures'
import { ChartFigure } from '../../components/chart-figure'
import type { Drill } from '../../components/drill'
import { drillBackground } from '../../components/drill-marks'
import { formatCount } from '../../lib/format'
import { barsHeight, COLORS, shortLabel } from './chart-style'

type Props = {
  conversations: readonly Conversation[]
  /** a queue's bar filters the page to the conversations that visited it */
  drill?: Drill
}

/** Queues drawn (most offered first); the table lists every queue. */
export const TOP_QUEUES = 12

const STACK = ['answered', 'abandoned', 'droppedBySystem', 'callbacks', 'other']

/** What became of the conversations offered to each queue: the Queues table's numbers as bars. */
export function QueueOutcomesChart({ conversations, drill }: Props) {
  const rows = useMemo(
    () =>
      queueFigures(conversations).map((q) => ({
        ...q,
        // voicemail, and conversations answered in another queue after this one
        other: Math.max(0, q.offered - q.answered - q.abandoned - q.droppedBySystem - q.callbacks),
      })),
    [conversations],
  )
  const bars = rows.slice(0, TOP_QUEUES)
  const empty =
    conversations.length === 0
      ? 'No conversations'
      : rows.length === 0
        ? 'No conversation entered a queue'
        : undefined
  return (
    <ChartFigure
      title="Offered by queue"
      description={
        empty === undefined
          ? 'Conversations offered to each queue, by what became of them there.' +
            (rows.length > TOP_QUEUES
              ? ` The chart shows the top ${TOP_QUEUES}; the table lists all ${rows.length}.`
              : '')
          : undefined
      }
      emptyMessage={empty}
      drillable={drill !== undefined}
      table={{
        columns: ['Queue', 'Offered', 'Answered', 'Abandoned', 'Dropped by the system', 'Callbacks', 'Other'],
        rows: rows.map((q) => [
          q.name,
          q.offered,
          q.answered,
          q.abandoned,
          q.droppedBySystem,
          q.callbacks,
          q.other,
        ]),
        rowKeys: rows.map((q) => q.key),
      }}
    >
      <ResponsiveContainer width="100%" height={barsHeight(bars.length, 28)}>
        <BarChart
          data={bars}
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
            dataKey="name"
            width={160}
            tickLine={false}
            axisLine={false}
            interval={0}
            tick={{ fontSize: 12, width: 400 }}
            tickFormatter={(v) => shortLabel(v, 20)}
          />
          <Tooltip />
          <Legend
            position="top"
            iconType="circle"
            itemSorter={(item) => STACK.indexOf(String(item.dataKey))}
          />
          <Bar
            dataKey="answered"
            name="Answered"
            stackId="q"
            fill={COLORS.accent}
            isAnimationActive={false}
            background={
              drill
                ? drillBackground<(typeof bars)[number]>({
                    drill,
                    field: 'queues',
                    filterValue: (q) => q.key,
                    nameOf: (q) =>
                      `${q.name}: ${formatCount(q.offered)} offered, ${formatCount(q.answered)} answered, ${formatCount(q.abandoned)} abandoned`,
                  })
                : false
            }
          />
          <Bar
            dataKey="abandoned"
            name="Abandoned"
            stackId="q"
            fill={COLORS.danger}
            isAnimationActive={false}
          />
          <Bar
            dataKey="droppedBySystem"
            name="Dropped by the system"
            stackId="q"
            fill={COLORS.warn}
            isAnimationActive={false}
          />
          <Bar
            dataKey="callbacks"
            name="Callbacks"
            stackId="q"
            fill={COLORS.accentLight}
            isAnimationActive={false}
          />
          <Bar dataKey="other" name="Other" stackId="q" fill={COLORS.muted} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  )
}
