// The drawer's sections for what the record says besides times and figures: agents' notes (the AI
// summaries, per answering and per non-responding agent), users who joined an agent's segment, skills
// and tags. Each is omitted when the record has none of it.

import { type ReactNode, useId } from 'react'
import type { Conversation, Destination, Person, Tag } from '../../api/conversation'
import { agentName, cleanText, queueName, segmentOf } from '../../api/conversation-metrics'

export function Section({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  const id = useId()
  return (
    <section className="cd-section" aria-labelledby={id}>
      <h3 id={id}>
        {title}
        {note && <span className="cd-note"> {note}</span>}
      </h3>
      {children}
    </section>
  )
}

const who = (p: Person) => agentName(p) ?? 'Unnamed agent'
const whereOf = (d: Destination) =>
  d.kind === 'queue' ? `in ${queueName(d) ?? 'an unnamed queue'}` : '(direct assignment)'

export type AgentNote = { key: string; agent: string; role: string; notes: string }

/** Every agent's notes, in record order: answering agents and agents who did not respond. */
export function agentNotes(c: Conversation): AgentNote[] {
  const out: AgentNote[] = []
  c.destinations.forEach((d, i) => {
    const where = whereOf(d)
    if (d.kind === 'queue')
      d.nonRespondingAgents.forEach((n, j) => {
        const notes = cleanText(n.agentNotes)
        const reason = cleanText(n.nonResponseEvent)
        if (notes !== null)
          out.push({
            key: `${i}-n${j}`,
            agent: who(n),
            role: `did not respond ${where}${reason === null ? '' : ` (${reason})`}`,
            notes,
          })
      })
    const s = segmentOf(d)
    const notes = s === null ? null : cleanText(s.agentNotes)
    if (s !== null && notes !== null)
      out.push({
        key: `${i}`,
        agent: who(s),
        role: s.acceptedTime === null ? where : `answered ${where}`,
        notes,
      })
  })
  return out
}

export function AgentNotes({ c }: { c: Conversation }) {
  const notes = agentNotes(c)
  if (notes.length === 0) return null
  return (
    <Section title="Agent notes" note="per agent segment, as the record has them">
      <ul className="cd-notes">
        {notes.map((n) => (
          <li key={n.key}>
            <p className="cd-notes-who">
              <span className="cd-strong">{n.agent}</span> <span className="cd-note">{n.role}</span>
            </p>
            <p className="cd-notes-text">{n.notes}</p>
          </li>
        ))}
      </ul>
    </Section>
  )
}

export function JoinedUsers({ c }: { c: Conversation }) {
  const rows: { key: string; user: string; email: string | null; agent: string; where: string }[] = []
  c.destinations.forEach((d, i) => {
    const s = segmentOf(d)
    if (s === null) return
    const where = whereOf(d)
    s.joinedUsers.forEach((u, j) => {
      const email = cleanText(u.email)
      rows.push({
        key: `${i}-${j}`,
        user: who(u),
        email: email === who(u) ? null : email,
        agent: who(s),
        where,
      })
    })
  })
  if (rows.length === 0) return null
  return (
    <Section title="Joined users">
      <ul className="cd-plain-list">
        {rows.map((r) => (
          <li key={r.key}>
            <span className="cd-strong">{r.user}</span>
            {r.email && <span className="cd-note"> {r.email}</span>}{' '}
            <span className="cd-note">
              joined {r.agent}’s segment {r.where}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  )
}

export function Skills({ c }: { c: Conversation }) {
  if (c.skills.length === 0) return null
  return (
    <Section title="Skills">
      <ul className="cd-chips">
        {c.skills.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
    </Section>
  )
}

/** The record's tags: userTags / sessionTags (normalize also keeps them under `tags`). */
function tagLists(c: Conversation): { user: Tag[]; session: Tag[] } {
  const t = c.tags as { user?: unknown; session?: unknown } | null
  const list = (own: Tag[] | undefined, old: unknown): Tag[] =>
    own ?? (Array.isArray(old) ? (old as Tag[]) : [])
  return { user: list(c.userTags, t?.user), session: list(c.sessionTags, t?.session) }
}

export function Tags({ c }: { c: Conversation }) {
  const { user, session } = tagLists(c)
  const groups = [
    { title: 'User tags', tags: user },
    { title: 'Session tags', tags: session },
  ].filter((g) => g.tags.some((t) => t.name !== null || t.value !== null))
  if (groups.length === 0) return null
  return (
    <Section title="Tags">
      {groups.map((g) => (
        <div key={g.title} className="cd-tags">
          <h4>{g.title}</h4>
          <dl>
            {g.tags.map((t, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: tags may repeat a name; the list is fixed
              <div key={i}>
                <dt>{t.name ?? '(no name)'}</dt>
                <dd>{t.value ?? '—'}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
    </Section>
  )
}
