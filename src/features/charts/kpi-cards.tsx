import { useId, useMemo, useState } from 'react'
import type { Conversation } from '../../api/conversation'
import {
  isServiceLevelSec,
  type KpiFigures,
  kpiFigures,
  type Mean,
  type Ratio,
  SERVICE_LEVEL_RULE,
} from '../../api/figures'
import { formatCount, formatDuration, pluralize } from '../../lib/format'
import { formatShare } from './chart-style'
import { changeOf } from './kpi-change'

type Props = {
  conversations: readonly Conversation[]
  /** the service-level threshold T in seconds (URL `sl`) */
  serviceLevelSec: number
  onServiceLevelSec: (sec: number) => void
  /** what was wrong with the URL's `sl`, if anything */
  serviceLevelProblem?: string | null
  /** the previous period's rows (compare is on): each figure shows its change; null while it loads */
  previous?: readonly Conversation[] | null
}

/**
 * One figure: its value, the line that says what it counts ("over N …"), its formula, and what a
 * comparison needs: the number, how to write a difference, and which way is better (null: neither).
 */
type Card = {
  label: string
  value: string
  basis: string
  formula: string
  amount: number | null
  kind: 'count' | 'share' | 'duration' | 'score'
  better: 'up' | 'down' | null
}

const NONE = '—'
/** kpiCards' service-level card, which carries the threshold input */
const SERVICE_LEVEL_CARD = 4
const share = (r: Ratio) => (r.value === null ? NONE : formatShare(r.value))
const duration = (m: Mean) => (m.value === null ? NONE : formatDuration(m.value))

export function kpiCards(k: KpiFigures): Card[] {
  const sl = k.serviceLevel
  return [
    {
      label: 'Offered',
      amount: k.offered,
      kind: 'count',
      better: null,
      value: formatCount(k.offered),
      basis: `inbound, queued, not open: ${formatCount(k.answeredOffered)} answered · ${formatCount(k.abandoned - k.abandonedNoQueue)} abandoned · ${formatCount(k.droppedBySystem)} dropped by the system · ${formatCount(k.callbacks)} callbacks · ${formatCount(k.voicemail)} voicemail`,
      formula: 'Conversations that entered a queue, inbound, not still open.',
    },
    {
      label: 'Answered',
      amount: k.answered,
      kind: 'count',
      better: 'up',
      value: formatCount(k.answered),
      basis: `an agent accepted; ${formatCount(k.answeredOffered)} of the offered${k.abandonedWithAgent > 0 ? ` · ${formatCount(k.abandonedWithAgent)} abandoned with agent` : ''}`,
      formula:
        'Conversations with a handled agent segment (an agent accepted), outbound and unqueued included.',
    },
    {
      label: 'Abandon rate',
      amount: k.abandonRate.value,
      kind: 'share',
      better: 'down',
      value: share(k.abandonRate),
      basis: `${formatCount(k.abandoned)} abandoned ÷ ${formatCount(k.abandonRate.whole)} (offered + ${formatCount(k.abandonedNoQueue)} without a queue)`,
      formula:
        'Abandoned ÷ (offered + USER ABANDONED without a queue). Abandoned: offered, not answered, no callback, not voicemail, ended by the customer. Hang-ups by the system or the bot are drops, not abandons.',
    },
    {
      label: 'Average speed of answer',
      amount: k.speedOfAnswer.value,
      kind: 'duration',
      better: 'down',
      value: duration(k.speedOfAnswer),
      basis: `mean wait over ${pluralize(k.speedOfAnswer.n, 'answered queued conversation')}${k.unknownWaits > 0 ? ` (${formatCount(k.unknownWaits)} more without an entry time)` : ''}`,
      formula: 'Earliest acceptance by an agent − earliest queue entry, per answered queued conversation.',
    },
    {
      label: `Service level (${sl.thresholdSec} s)`,
      amount: sl.value,
      kind: 'share',
      better: 'up',
      value: share(sl),
      basis: `${formatCount(sl.part)} answered within ${sl.thresholdSec} s ÷ ${formatCount(sl.whole)} (answered with a known wait + abandoned in a queue)`,
      formula: `Answered with a wait of at most ${sl.thresholdSec} s ÷ (answered with a known wait + abandoned in a queue).`,
    },
    {
      label: 'Average handle time',
      amount: k.handlePerConversation.value,
      kind: 'duration',
      better: null,
      value: duration(k.handlePerConversation),
      basis: `per answered conversation (over ${formatCount(k.handlePerConversation.n)}) · ${duration(k.handlePerSegment)} per agent segment (over ${formatCount(k.handlePerSegment.n)} of ${pluralize(k.handledSegments, 'handled segment')})`,
      formula:
        'Σ (interaction + after-call work; hold is inside the interaction) ÷ answered conversations with a handle time (Kore.ai). Beside it the same sum ÷ handled segments (Genesys, Amazon Connect).',
    },
    {
      label: 'First response',
      amount: k.firstResponse.value,
      kind: 'duration',
      better: 'down',
      value: duration(k.firstResponse),
      basis: `per agent segment, over ${pluralize(k.firstResponse.n, 'handled segment')} that report one`,
      formula: 'From the agent accepting to the agent’s first message (Kore.ai), per handled segment.',
    },
    {
      label: 'Transfer rate',
      amount: k.transferRate.value,
      kind: 'share',
      better: 'down',
      value: share(k.transferRate),
      basis: `${formatCount(k.transferRate.part)} transferred ÷ ${formatCount(k.transferRate.whole)} answered`,
      formula: 'Answered conversations with two or more handled segments ÷ answered conversations.',
    },
    {
      label: 'Bot containment',
      amount: k.botContainment.value,
      kind: 'share',
      better: 'up',
      value: share(k.botContainment),
      basis: `${formatCount(k.botContainment.part)} resolved by the bot ÷ ${pluralize(k.records, 'record')} · ${formatCount(k.botDropOffs)} bot drop-offs`,
      formula: 'Bot-only sessions with finalStatus BotResolved ÷ all records (bot-only included).',
    },
    {
      label: 'CSAT',
      amount: k.csat.value,
      kind: 'score',
      better: 'up',
      value:
        k.csat.value === null ? NONE : k.csat.value.toLocaleString('en-US', { maximumFractionDigits: 2 }),
      basis: `mean score over ${pluralize(k.csat.n, 'rated record')}`,
      formula: 'Σ csatScore ÷ records that have one.',
    },
  ]
}

/** The KPI row over the rows shown: each card a value, what it is over, and its formula on hover. */
export function KpiCards({
  conversations,
  serviceLevelSec,
  onServiceLevelSec,
  serviceLevelProblem = null,
  previous,
}: Props) {
  const k = useMemo(() => kpiFigures(conversations, serviceLevelSec), [conversations, serviceLevelSec])
  const before = useMemo(
    () => (previous ? kpiCards(kpiFigures(previous, serviceLevelSec)) : null),
    [previous, serviceLevelSec],
  )
  return (
    <section className="kpi-cards" aria-label="Key figures">
      <dl>
        {kpiCards(k).map((c, i) => (
          <div key={c.label} className="kpi-card" title={c.formula}>
            <dt>{c.label}</dt>
            <dd className="kpi-value">{c.value}</dd>
            <dd className="kpi-detail muted">{c.basis}</dd>
            {previous !== undefined && <ChangeLine now={c} before={before?.[i]} />}
            {i === SERVICE_LEVEL_CARD && (
              <dd>
                <ThresholdInput
                  sec={serviceLevelSec}
                  onChange={onServiceLevelSec}
                  problem={serviceLevelProblem}
                />
              </dd>
            )}
          </div>
        ))}
      </dl>
    </section>
  )
}

/** T for the service level: any whole number of seconds the rule allows; text in between stays editable. */
function ThresholdInput({
  sec,
  onChange,
  problem,
}: {
  sec: number
  onChange: (sec: number) => void
  problem: string | null
}) {
  const id = useId()
  const [text, setText] = useState(String(sec))
  const [shown, setShown] = useState(sec)
  if (shown !== sec) {
    // the URL changed (Back, a link): show its value
    setShown(sec)
    setText(String(sec))
  }
  const valid = isServiceLevelSec(Number(text)) && text.trim() !== ''
  return (
    <div className="kpi-threshold">
      <label htmlFor={id}>Threshold (seconds)</label>
      <input
        id={id}
        type="number"
        min={1}
        max={3600}
        step={1}
        value={text}
        aria-label="Service level threshold (seconds)"
        aria-invalid={!valid}
        aria-describedby={`${id}-note`}
        onChange={(event) => {
          setText(event.target.value)
          const next = Number(event.target.value)
          if (event.target.value.trim() !== '' && isServiceLevelSec(next)) {
            setShown(next)
            onChange(next)
          }
        }}
      />
      <span id={`${id}-note`} className={valid && problem === null ? 'muted' : 'kpi-problem'}>
        {!valid ? `${SERVICE_LEVEL_RULE}; ${sec} s is used.` : (problem ?? '')}
      </span>
    </div>
  )
}

/** The figure against the previous period; "loading" until that period is in. */
function ChangeLine({ now, before }: { now: Card; before: Card | undefined }) {
  if (!before) return <dd className="kpi-change muted">Previous period: loading…</dd>
  const change = changeOf(now, before)
  if (!change) return <dd className="kpi-change muted">Previous period: {NONE}</dd>
  return (
    <dd className="kpi-change" data-trend={change.trend}>
      {change.text} <span className="muted">vs {change.before} the period before</span>
    </dd>
  )
}
