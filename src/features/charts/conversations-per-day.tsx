import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { Conversation } from '../../api/conversation'
import { ChartFigure } from '../../components/chart-figure'
import { countByDay } from './day-buckets'

type Props = { conversations: readonly Conversation[]; range: { start: number; end: number }; zone: string }

export function ConversationsPerDay({ conversations, range, zone }: Props) {
  const buckets = useMemo(() => countByDay(conversations, range, zone), [conversations, range, zone])
  const data = buckets.map((b) => ({ day: b.day.slice(5), bot: b.botOnly, human: b.count - b.botOnly }))
  return (
    <ChartFigure
      // not "Conversations…": the conversation table owns that name (CONTRACT.md)
      title="Daily volume"
      description={`Calendar days in ${zone}`}
      table={{
        columns: ['Day', 'Conversations', 'Handled by bot only'],
        rows: buckets.map((b) => [b.day, b.count, b.botOnly]),
      }}
    >
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e3e8f0" />
          <XAxis dataKey="day" tickLine={false} axisLine={false} />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} width={44} />
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
