import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import { formatCount, pluralize } from '../../lib/format'
import { countByDay, type Unplaced } from './day-buckets'

type Props = { conversations: readonly Conversation[]; range: { start: number; end: number }; zone: string }

export function ConversationsPerDay({ conversations, range, zone }: Props) {
  const { buckets, unplaced } = useMemo(() => {
    const unplaced: Unplaced = { noStart: 0, outside: 0 }
    return { buckets: countByDay(conversations, range, zone, unplaced), unplaced }
  }, [conversations, range, zone])
  const data = buckets.map((b) => ({ day: b.day.slice(5), bot: b.botOnly, human: b.count - b.botOnly }))
  const peak = Math.max(0, ...buckets.map((b) => b.count))
  // wide enough for the largest tick with its thousands separator ("12,000")
  const axisWidth = 16 + 8 * formatCount(peak).length
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
      description={[`Calendar days in ${zone}`, ...notes].join('. ')}
      table={{
        columns: ['Day', 'Conversations', 'Handled by bot only'],
        rows: [
          ...buckets.map((b) => [b.day, b.count, b.botOnly]),
          ...(unplaced.noStart > 0 ? [['No start time', unplaced.noStart, '']] : []),
          ...(unplaced.outside > 0 ? [['Outside the range', unplaced.outside, '']] : []),
        ],
      }}
    >
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
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
          />
          <Bar dataKey="bot" name="Bot only" stackId="a" fill="#93c5fd" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  )
}
