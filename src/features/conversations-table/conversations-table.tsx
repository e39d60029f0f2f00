import type { Conversation } from '../../api/conversation'
import { formatDateTime, formatDuration } from '../../lib/format'

const durationSec = (c: Conversation) =>
  c.sessionStartTime !== null && c.endTime !== null ? (c.endTime - c.sessionStartTime) / 1000 : null

/** Walking skeleton of the table: issue 4 replaces it with the sortable, virtualized one. */
export function ConversationsTable({ conversations, zone }: { conversations: Conversation[]; zone: string }) {
  const shown = conversations.slice(0, 200)
  return (
    <div className="table-wrap">
      <table className="data" aria-label="Conversations">
        <thead>
          <tr>
            <th>Start</th>
            <th className="num">Duration</th>
            <th>Channel</th>
            <th>Final status</th>
            <th>Queue</th>
            <th>Conversation</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.id}>
              <td>{formatDateTime(c.sessionStartTime, zone)}</td>
              <td className="num">{formatDuration(durationSec(c))}</td>
              <td>{c.channel}</td>
              <td>{c.finalStatus}</td>
              <td>
                {c.destinations.map((d) => (d.kind === 'queue' ? d.queueName : d.agent.name)).join(', ')}
              </td>
              <td>{c.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {conversations.length > shown.length && (
        <p className="muted">Showing the first 200 rows; the count above covers all of them.</p>
      )}
    </div>
  )
}
