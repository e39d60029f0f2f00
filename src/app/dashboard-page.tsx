import { useQuery } from '@tanstack/react-query'
import { configQuery } from '../api/config-query'
import { useHidePersonalData } from '../features/conversations-table/privacy'
import { HidePersonalToggle } from '../features/conversations-table/privacy-toggle'
import { RangePicker } from '../features/date-range/range-picker'
import { RangeProblem } from '../features/date-range/range-problem'
import { TimeZoneSelect } from '../features/date-range/time-zone-select'
import { useDisplayRange } from '../features/date-range/use-display-range'
import { SavedViewsButton } from '../features/saved-views/saved-views'
import { useTablePrefsGeneration } from '../features/saved-views/view-link'
import { RangeView } from './range-view'

export function DashboardPage() {
  const { parsed, setRange, setZone } = useDisplayRange()
  const config = useQuery(configQuery)
  const [hidePersonal, setHidePersonal] = useHidePersonalData()
  // a saved view that changes the table's sort or columns remounts what holds the table (it reads them once)
  const tableGeneration = useTablePrefsGeneration()
  return (
    <>
      <header className="app-header">
        <h1>SmartAssist call details</h1>
        {config.data?.mode === 'demo' && (
          <span className="badge demo" title="No SmartAssist account is configured on the server">
            Demo data: synthetic conversations
          </span>
        )}
        {config.data?.mode === 'live' && <span className="badge">Account {config.data.accountId}</span>}
        {config.isError && <span className="badge demo">Dashboard server unreachable</span>}
        <span className="spacer" />
        <SavedViewsButton />
        <HidePersonalToggle hidden={hidePersonal} onChange={setHidePersonal} />
      </header>
      <main className="page">
        <section className="panel toolbar" aria-label="Range">
          <RangePicker range={parsed.ok ? parsed.range : null} zone={parsed.zone} onChange={setRange} />
          <TimeZoneSelect zone={parsed.zone} onChange={setZone} />
        </section>
        {parsed.ok ? (
          <RangeView
            key={tableGeneration}
            range={parsed.range}
            zone={parsed.zone}
            hidePersonal={hidePersonal}
          />
        ) : (
          <RangeProblem
            problem={parsed.problem}
            suggestion={parsed.suggestion}
            zone={parsed.zone}
            onUse={setRange}
          />
        )}
      </main>
    </>
  )
}
