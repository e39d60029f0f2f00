// The conversation drawer: one conversation in full (summary, per-agent figures, destination timeline,
// the raw record), opened by the page's `conversation` URL parameter (CONTRACT.md).
//
// A modal side drawer: a native <dialog> opened with showModal(), named by its heading, which carries
// the conversationId (or the sessionId of a bot-only record); focus moves in and the browser keeps it
// in; Escape, the backdrop and Close call onClose, and focus returns to where it was. An id that is
// not in the loaded range still opens the dialog, saying so; while the range loads it says "Loading…".

import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react'
import type { AgentSegment, Conversation, Destination } from '../../api/conversation'
import {
  agentName,
  destinationWaitSec,
  durationSec,
  interactionSec,
  queueName,
  segmentHandleSec,
  segmentOf,
  segmentTalkSec,
} from '../../api/conversation-metrics'
import { maskConversation, maskRaw } from '../../api/privacy-mask'
import { formatDateTime, formatDuration } from '../../lib/format'
import { AgentNotes, JoinedUsers, Section, Skills, Tags } from './drawer-sections'
import { type TimelineEvent, timelineEvents } from './timeline'
import { TimelineChart } from './timeline-chart'
import { timelineChart } from './timeline-lanes'
import './drawer.css'

export type ConversationDrawerProps = {
  /** the conversation whose id is requestedId, or null when the loaded range has none (or is loading) */
  conversation: Conversation | null
  /** the `conversation` URL parameter; null = the drawer is closed */
  requestedId: string | null
  /** the display time zone (IANA) */
  zone: string
  hidePersonal: boolean
  /** the range is still loading: conversation null means "not yet", not "not there" */
  loading?: boolean
  onClose(): void
}

export function ConversationDrawer(props: ConversationDrawerProps) {
  if (props.requestedId === null) return null
  // No portal: a modal <dialog> is shown in the browser's top layer, above everything and clipped by
  // none of its ancestors (overflow, z-index, transform, opacity), and showModal() makes the whole page
  // outside it inert wherever it sits in the DOM. A portal to <body> would buy nothing.
  return <DrawerDialog {...props} requestedId={props.requestedId} />
}

function DrawerDialog({
  conversation,
  requestedId,
  zone,
  hidePersonal,
  loading = false,
  onClose,
}: ConversationDrawerProps & { requestedId: string }) {
  const headingId = useId()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const onCloseRef = useRef(onClose)
  onCloseRef.current = onClose
  // a press on the backdrop: a click that starts inside the panel and ends outside it does not close
  const pressedBackdrop = useRef(false)

  // Open as a modal dialog: the browser makes the page behind inert, keeps Tab inside and turns Escape
  // into a `cancel` event. The URL decides whether the drawer is open, so Escape asks onClose instead
  // of closing by itself. Focus goes to the dialog itself (its name is read; the next Tab reaches
  // Close) and back to where it was on close; the page behind does not scroll.
  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog === null) return
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    // Without a user activation since the last one, Chrome fires a `cancel` that cannot be cancelled and
    // closes the dialog anyway: onClose has been called then, the `close` that follows must not again.
    let closeAlreadyAsked = false
    const onCancel = (e: Event) => {
      e.preventDefault()
      closeAlreadyAsked = !e.defaultPrevented
      onCloseRef.current()
    }
    const onNativeClose = () => {
      // open again: a late `close` from a close() in this effect's cleanup (React's StrictMode remount)
      if (dialog.open) return
      if (closeAlreadyAsked) closeAlreadyAsked = false
      else onCloseRef.current()
    }
    dialog.addEventListener('cancel', onCancel)
    dialog.addEventListener('close', onNativeClose)
    // every browser the dashboard supports has showModal(); where it is missing (jsdom without a
    // polyfill, a very old browser) the drawer still opens, though not modal, instead of failing
    if (typeof dialog.showModal !== 'function') dialog.setAttribute('open', '')
    else if (!dialog.open) dialog.showModal()
    dialog.focus()
    const overflow = document.body.style.overflow
    document.body.style.overflow = 'hidden'
    return () => {
      dialog.removeEventListener('cancel', onCancel)
      dialog.removeEventListener('close', onNativeClose)
      if (typeof dialog.close !== 'function') dialog.removeAttribute('open')
      else if (dialog.open) dialog.close()
      document.body.style.overflow = overflow
      if (previous?.isConnected) previous.focus()
    }
  }, [])

  const shown = conversation !== null && hidePersonal ? maskConversation(conversation) : conversation
  const displayId = conversation === null ? requestedId : recordId(conversation)
  const kind = conversation !== null && conversation.conversationId === null ? 'Session' : 'Conversation'

  return (
    // The panel fills the dialog's box, so a click whose target is the <dialog> itself was on its
    // ::backdrop, outside the panel. Keyboard users close with Escape or the Close button.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop is a pointer shortcut; Escape is the key
    <dialog
      ref={dialogRef}
      className="cd-drawer"
      aria-modal="true"
      aria-labelledby={headingId}
      tabIndex={-1}
      onPointerDown={(e) => {
        pressedBackdrop.current = e.target === e.currentTarget
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget && pressedBackdrop.current) onClose()
        pressedBackdrop.current = false
      }}
    >
      {/* a div, not <header>: outside a sectioning element a header is the page's banner landmark, and
          the page has one (.app-header); the dialog is the landmark here */}
      <div className="cd-header">
        <div className="cd-title">
          <h2 id={headingId}>
            {kind} <span className="cd-id">{displayId}</span>
          </h2>
          {shown !== null && <Subtitle c={shown} />}
        </div>
        <button type="button" className="cd-close" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="cd-body">
        {shown !== null ? (
          <Details c={shown} raw={conversation?.raw} zone={zone} hidePersonal={hidePersonal} />
        ) : loading ? (
          // a live region, not role=status: the page's one status is the conversation count (CONTRACT.md)
          <p className="cd-message" aria-live="polite">
            Loading…
          </p>
        ) : (
          <p className="cd-message">No conversation {requestedId} in the loaded range.</p>
        )}
      </div>
    </dialog>
  )
}

/** The id the URL and the heading use: conversationId, else sessionId (CONTRACT.md). */
function recordId(c: Conversation): string {
  return c.conversationId ?? c.sessionId ?? c.id
}

function Subtitle({ c }: { c: Conversation }) {
  return (
    <p className="cd-subtitle">
      {c.botOnly && <span className="cd-pill">Bot only</span>}
      {c.channel && <span>{c.channel.trim()}</span>}
      {c.conversationId !== null && c.sessionId !== null && (
        <span className="muted">session {c.sessionId}</span>
      )}
    </p>
  )
}

/** c is the conversation as shown (masked when hidePersonal); raw is the record as received. */
function Details({
  c,
  raw,
  zone,
  hidePersonal,
}: {
  c: Conversation
  raw: unknown
  zone: string
  hidePersonal: boolean
}) {
  const events = useMemo(() => timelineEvents(c), [c])
  const chart = useMemo(() => timelineChart(c), [c])
  const segments = useMemo(() => segmentRows(c.destinations), [c])
  return (
    <>
      <Section title="Summary">
        <Summary c={c} zone={zone} />
      </Section>
      {segments.length > 0 && (
        <Section title="Agent segments">
          <SegmentTable rows={segments} />
        </Section>
      )}
      <Section title="Timeline" note={`times in ${zone}`}>
        {chart === null ? (
          <p className="cd-note">No times recorded: nothing to draw.</p>
        ) : (
          <TimelineChart chart={chart} zone={zone} />
        )}
        <Timeline events={events} zone={zone} />
      </Section>
      <AgentNotes c={c} />
      <JoinedUsers c={c} />
      <Skills c={c} />
      <Tags c={c} />
      <RawRecord raw={raw} hidePersonal={hidePersonal} />
    </>
  )
}

// ---------------------------------------------------------------------------------------------------
// Summary

const NONE = '—'
const or = (v: string | null | undefined) => (v === null || v === undefined || v.trim() === '' ? NONE : v)
const yesNo = (v: boolean | null) => (v === null ? NONE : v ? 'Yes' : 'No')

function Summary({ c, zone }: { c: Conversation; zone: string }) {
  const endNote =
    c.sessionEndTime !== null && c.endTime !== null && c.endTime !== c.sessionEndTime
      ? `session ended ${formatDateTime(c.sessionEndTime, zone, 'HH:mm:ss')}`
      : null
  const csat =
    c.csatScore === null && c.csatFeedback === null
      ? NONE
      : [c.csatScore === null ? null : String(c.csatScore), c.csatFeedback].filter(Boolean).join(' · ')
  const rows: [string, ReactNode][] = [
    ['Channel', or(c.channel?.trim())],
    ['Direction', or(c.direction)],
    ['Started', or(formatDateTime(c.sessionStartTime, zone))],
    [
      'Ended',
      <>
        {or(formatDateTime(c.endTime, zone))}
        {endNote && <span className="cd-note"> ({endNote})</span>}
      </>,
    ],
    ['Duration', or(formatDuration(durationSec(c)))],
    ['Final status', or(c.finalStatus)],
    ['Smart status', or(c.smartStatus)],
    ['Reason', or(c.reason)],
    ['Disconnecting event', or(c.disconnectingEvent)],
    ['Dispositions', c.dispositions.length === 0 ? NONE : c.dispositions.join(', ')],
    ['Remarks', or(c.dispositionRemarks)],
    ['CSAT', csat],
    ['Customer name', or(c.customer.name)],
    ['Customer phone', or(c.customer.phone)],
    ['Customer email', or(c.customer.email)],
    ['Voicemail', yesNo(c.isVoicemail)],
    ['Handled by bot only', c.botOnly ? 'Yes' : 'No'],
  ]
  return (
    <dl className="cd-summary">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

// ---------------------------------------------------------------------------------------------------
// Per-agent figures

type SegmentRow = {
  key: string
  agent: string
  where: string
  wait: number | null
  interaction: number | null
  talk: number | null
  hold: number | null
  acw: number | null
  handle: number | null
}

function segmentRows(destinations: Destination[]): SegmentRow[] {
  const rows: SegmentRow[] = []
  destinations.forEach((d, i) => {
    const s: AgentSegment | null = segmentOf(d)
    if (s === null) return
    rows.push({
      key: String(i),
      agent: agentName(s) ?? 'unnamed agent',
      where: d.kind === 'queue' ? (queueName(d) ?? 'unnamed queue') : 'direct',
      wait: destinationWaitSec(d),
      interaction: interactionSec(s),
      talk: segmentTalkSec(s),
      hold: s.holdSec,
      acw: s.afterCallWorkSec,
      handle: segmentHandleSec(s),
    })
  })
  return rows
}

function SegmentTable({ rows }: { rows: SegmentRow[] }) {
  const d = (sec: number | null) => (sec === null ? NONE : formatDuration(sec))
  return (
    <div className="cd-table-wrap">
      <table className="cd-segments">
        <caption className="visually-hidden">
          Per agent: wait, interaction (talk + hold), after-call work and handle time (interaction +
          after-call work)
        </caption>
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col" className="num" title="from entering the queue (or assignment) to acceptance">
              Wait
            </th>
            <th scope="col" className="num" title="acceptance to end, hold included">
              Interaction
            </th>
            <th scope="col" className="num" title="interaction − hold">
              Talk
            </th>
            <th scope="col" className="num">
              Hold
            </th>
            <th scope="col" className="num" title="after-call work">
              ACW
            </th>
            <th scope="col" className="num" title="interaction + after-call work">
              Handle
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.agent}
                <span className="cd-where">{r.where}</span>
              </th>
              <td className="num">{d(r.wait)}</td>
              <td className="num">{d(r.interaction)}</td>
              <td className="num">{d(r.talk)}</td>
              <td className="num">{d(r.hold)}</td>
              <td className="num">{d(r.acw)}</td>
              <td className="num cd-strong">{d(r.handle)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

// ---------------------------------------------------------------------------------------------------
// Timeline

function Timeline({ events, zone }: { events: TimelineEvent[]; zone: string }) {
  return (
    <ol className="cd-timeline" aria-label="Timeline">
      {events.map((e) => (
        <li key={e.key} className={`cd-event cd-${e.kind}${e.time === null ? ' cd-untimed' : ''}`}>
          {e.time === null ? (
            <span className="cd-time cd-time-unknown">time unknown</span>
          ) : (
            <time className="cd-time" dateTime={new Date(e.time).toISOString()}>
              {formatDateTime(e.time, zone, 'HH:mm:ss')}
            </time>
          )}
          <span className="cd-label">{e.label}</span>
          {e.detail && <span className="cd-detail">{e.detail}</span>}
        </li>
      ))}
    </ol>
  )
}

// ---------------------------------------------------------------------------------------------------
// Raw record

function RawRecord({ raw, hidePersonal }: { raw: unknown; hidePersonal: boolean }) {
  const json = useMemo(
    () => JSON.stringify(hidePersonal ? maskRaw(raw) : raw, null, 2) ?? 'undefined',
    [raw, hidePersonal],
  )
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (copied === 'idle') return
    const t = setTimeout(() => setCopied('idle'), 2000)
    return () => clearTimeout(t)
  }, [copied])
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json)
      setCopied('copied')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <details className="cd-section cd-raw">
      <summary>
        <h3>Raw record</h3>
        <span className="cd-note">{hidePersonal ? 'as received, personal data hidden' : 'as received'}</span>
      </summary>
      <div className="cd-raw-tools">
        <button type="button" onClick={copy}>
          Copy JSON
        </button>
        <span aria-live="polite" className="cd-note">
          {copied === 'copied' ? 'Copied' : copied === 'failed' ? 'Copy failed: select the text instead' : ''}
        </span>
      </div>
      <pre className="cd-json">{json}</pre>
    </details>
  )
}
