import { useMemo } from 'react'
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import type { Drill } from '../../components/drill'
import { drillBackground } from '../../components/drill-marks'
import { formatCount, pluralize } from '../../lib/format'
import { countByDay, type Unplaced } from './day-buckets'

type Range = { start: number; end: number }
type Props = {
  conversations: readonly Conversation[]
  range: Range
  zone: string
  /** compare: the previous period's rows (null while loading), drawn day by day beside this one */
  previous?: { conversations: readonly Conversation[] | null; range: Range }
  /** a day's bar filters the page to the conversations that started that day */
  drill?: Drill
}

export function ConversationsPerDay({ conversations, range, zone, previous, drill }: Props) {
  const { buckets, unplaced } = useMemo(() => {
    const unplaced: Unplaced = { noStart: 0, outside: 0 }
    return { buckets: countByDay(conversations, range, zone, unplaced), unplaced }
  }, [conversations, range, zone])
  const before = useMemo(
    () => (previous?.conversations ? countByDay(previous.conversations, previous.range, zone) : null),
    [previous, zone],
  )
  // the previous period's day i beside this period's day i
  const data = buckets.map((b, i) => ({
    date: b.day,
    count: b.count,
    day: b.day.slice(5),
    bot: b.botOnly,
    human: b.count - b.botOnly,
    ...(before && { previous: before[i]?.count ?? null }),
  }))
  const peak = Math.max(0, ...buckets.map((b) => b.count), ...(before ?? []).map((b) => b.count))
  // wide enough for the largest tick with its thousands separator: the axis rounds up (875 → "1,000")
  const axisWidth = 16 + 8 * formatCount(10 ** Math.ceil(Math.log10(Math.max(peak, 1)))).length
  const notes = [
    unplaced.noStart > 0 &&
      `${pluralize(unplaced.noStart, 'record')} without a start time ${unplaced.noStart === 1 ? 'is' : 'are'} on no day`,
    unplaced.outside > 0 &&
      `${pluralize(unplaced.outside, 'record')} starting outside the range ${unplaced.outside === 1 ? 'is' : 'are'} on no day`,
  ].filter((n): n is string => typeof n === 'string')
  return (
    <ChartFigure
      // not "Conversations…": the conversation table owns that name (CONTRACT.md)
      title="Daily volume"
      drillable={drill !== undefined}
      description={[
        `Calendar days in ${zone}`,
        ...(previous
          ? [before ? 'The dashed line is the previous period, day by day' : 'The previous period is loading']
          : []),
        ...notes,
      ].join('. ')}
      table={{
        columns: ['Day', 'Conversations', 'Handled by bot only', ...(before ? ['Previous period'] : [])],
        rows: [
          ...buckets.map((b, i) => [
            b.day,
            b.count,
            b.botOnly,
            ...(before ? [before[i] ? `${before[i].day}: ${before[i].count}` : ''] : []),
          ]),
          ...(unplaced.noStart > 0 ? [['No start time', unplaced.noStart, '']] : []),
          ...(unplaced.outside > 0 ? [['Outside the range', unplaced.outside, '']] : []),
        ],
      }}
    >
      <ResponsiveContainer width="100%" height={180}>
        <ComposedChart
          data={data}
          // ChartFigure hides the picture from assistive technology (its table is the equivalent): recharts
          // must not make its surface a focusable role=application inside that aria-hidden body
          accessibilityLayer={false}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        >
          <CartesianGrid vertical={false} stroke="#e3e8f0" />
          <XAxis dataKey="day" tickLine={false} axisLine={false} />
          <YAxis
            allowDecimals={false}
            tickLine={false}
            axisLine={false}
            width={axisWidth}
            tickFormatter={(v) => formatCount(Number(v))}
          />
          <Tooltip />
          <Legend verticalAlign="top" height={24} iconType="circle" />
          <Bar
            dataKey="human"
            name="Reached a queue or agent"
            stackId="a"
            fill="#1d4ed8"
            isAnimationActive={false}
            background={
              drill
                ? drillBackground<(typeof data)[number]>({
                    drill,
                    field: 'days',
                    filterValue: (d) => d.date,
                    nameOf: (d) =>
                      `${d.date}: ${pluralize(d.count, 'conversation')}, ${formatCount(d.bot)} bot only`,
                  })
                : false
            }
          />
          <Bar dataKey="bot" name="Bot only" stackId="a" fill="#93c5fd" isAnimationActive={false} />
          {before && (
            <Line
              dataKey="previous"
              name="Previous period"
              stroke="#9a3412"
              strokeDasharray="4 3"
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          )}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  )
}
