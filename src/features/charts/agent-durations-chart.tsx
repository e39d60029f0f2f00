import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Conversation } from '../../api/conversation'
import { agentFigures } from '../../api/figures'
import { ChartFigure } from '../../components/chart-figure'
import type { Drill } from '../../components/drill'
import { drillBackground } from '../../components/drill-marks'
import { formatCount, formatDuration } from '../../lib/format'
import { barsHeight, COLORS, shortLabel } from './chart-style'

type Props = {
  conversations: readonly Conversation[]
  /** an agent's bar filters the page to the conversations the agent handled */
  drill?: Drill
}

/** Agents shown in the chart (longest total handle time first); the table lists every agent. */
export const TOP_AGENTS = 15

/** The stack from the bar's start: its order in the legend too (recharts sorts legends by name otherwise). */
const STACK = ['talkSec', 'holdSec', 'afterCallWorkSec']

const duration = (sec: number | null) => formatDuration(sec) || '—'

export function AgentDurationsChart({ conversations, drill }: Props) {
  // The Agents table's numbers, ordered by total handle time for the chart.
  const rows = useMemo(
    () =>
      agentFigures(conversations)
        .filter((a) => a.handled > 0)
        .sort(
          (a, b) => b.handleSec - a.handleSec || b.handled - a.handled || a.name.localeCompare(b.name, 'en'),
        ),
    [conversations],
  )
  const bars = rows.slice(0, TOP_AGENTS)
  const description =
    'Handle time per agent over their handled segments: talk (interaction − hold), hold and after-call work, h:mm:ss.' +
    (rows.length > TOP_AGENTS
      ? ` The chart shows the top ${TOP_AGENTS}; the table lists all ${rows.length}.`
      : '')
  const empty = conversations.length === 0 ? 'No conversations' : rows.length === 0 ? 'No agents' : undefined
  return (
    <ChartFigure
      title="Agent durations"
      description={empty === undefined ? description : undefined}
      emptyMessage={empty}
      drillable={drill !== undefined}
      table={{
        columns: [
          'Agent',
          'Handled segments',
          'Total handle',
          'Average handle',
          'Talk',
          'Hold',
          'After-call work',
        ],
        rows: rows.map((a) => [
          a.name,
          a.handled,
          duration(a.handleSec),
          duration(a.averageHandle.value),
          duration(a.talkSec),
          duration(a.holdSec),
          duration(a.afterCallWorkSec),
        ]),
        rowKeys: rows.map((a) => a.key),
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
          <XAxis
            type="number"
            tickLine={false}
            axisLine={false}
            tickFormatter={(v) => formatDuration(Number(v))}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={180}
            tickLine={false}
            axisLine={false}
            interval={0}
            // recharts wraps a tick at the axis width; shortLabel keeps it within, so never wrap
            tick={{ fontSize: 12, width: 400 }}
            tickFormatter={(v) => shortLabel(v, 22)}
          />
          <Tooltip formatter={(value) => formatDuration(Number(value))} />
          <Legend
            position="top"
            iconType="circle"
            itemSorter={(item) => STACK.indexOf(String(item.dataKey))}
          />
          <Bar
            dataKey="talkSec"
            name="Talk"
            stackId="t"
            fill={COLORS.accent}
            isAnimationActive={false}
            background={
              drill
                ? drillBackground<(typeof bars)[number]>({
                    drill,
                    field: 'agents',
                    filterValue: (a) => a.key,
                    nameOf: (a) =>
                      `${a.name}: ${formatCount(a.handled)} handled, total handle ${duration(a.handleSec)}`,
                  })
                : false
            }
          />
          <Bar dataKey="holdSec" name="Hold" stackId="t" fill={COLORS.warn} isAnimationActive={false} />
          <Bar
            dataKey="afterCallWorkSec"
            name="After-call work"
            stackId="t"
            fill={COLORS.accentLight}
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  )
}
