import { memo } from 'react'
import type { Conversation } from '../../api/conversation'
import type { Drill } from '../../components/drill'
import { ErrorBoundary } from '../../components/error-boundary'
import { AgentDurationsChart } from './agent-durations-chart'
import { ChannelsChart } from './channels-chart'
import { ConversationsPerDay } from './conversations-per-day'
import { DispositionsChart } from './dispositions-chart'
import { KpiCards } from './kpi-cards'
import { QueueOutcomesChart } from './queue-outcomes-chart'
import './charts.css'

type Props = {
  /** the conversations after the page's filters */
  conversations: readonly Conversation[]
  /** the loaded range (epoch ms, both ends inclusive), for the per-day chart */
  range: { start: number; end: number }
  /** the display time zone (IANA) */
  zone: string
  /**
   * Compare is on: the period of the same length just before, its rows after the same filters
   * (null while it loads). Absent: compare is off.
   */
  previous?: { conversations: readonly Conversation[] | null; range: { start: number; end: number } }
  /** the service-level threshold (URL `sl`), what was wrong with the URL's, and how to change it */
  serviceLevel: { sec: number; problem: string | null; setSec: (sec: number) => void }
  /** a chart's bar filters the page to its value */
  drill?: Drill
}

/**
 * Key figures on top, then the charts: conversations per day (full width), Channels beside
 * Dispositions, Agent durations (full width). One chart that fails to render leaves the others.
 * Rendered inside `.charts-panel`, which the page marks while newer rows are being charted (a prop
 * for that here would re-render every chart for the mark alone).
 */
export const ChartsPanel = memo(function ChartsPanel({
  conversations,
  range,
  zone,
  serviceLevel,
  previous,
  drill,
}: Props) {
  return (
    <>
      <div className="panel">
        <ErrorBoundary label="The key figures">
          <KpiCards
            conversations={conversations}
            serviceLevelSec={serviceLevel.sec}
            serviceLevelProblem={serviceLevel.problem}
            onServiceLevelSec={serviceLevel.setSec}
            {...(previous && { previous: previous.conversations })}
          />
        </ErrorBoundary>
      </div>
      <div className="charts-grid">
        <div className="panel chart-wide">
          <ErrorBoundary label="The per-day chart">
            <ConversationsPerDay
              conversations={conversations}
              range={range}
              zone={zone}
              {...(previous && { previous })}
              {...(drill && { drill })}
            />
          </ErrorBoundary>
        </div>
        <div className="panel">
          <ErrorBoundary label="The Channels chart">
            <ChannelsChart conversations={conversations} {...(drill && { drill })} />
          </ErrorBoundary>
        </div>
        <div className="panel">
          <ErrorBoundary label="The Dispositions chart">
            <DispositionsChart conversations={conversations} {...(drill && { drill })} />
          </ErrorBoundary>
        </div>
        <div className="panel chart-wide">
          <ErrorBoundary label="The Offered by queue chart">
            <QueueOutcomesChart conversations={conversations} {...(drill && { drill })} />
          </ErrorBoundary>
        </div>
        <div className="panel chart-wide">
          <ErrorBoundary label="The Agent durations chart">
            <AgentDurationsChart conversations={conversations} {...(drill && { drill })} />
          </ErrorBoundary>
        </div>
      </div>
    </>
  )
})
