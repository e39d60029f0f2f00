import type { ServerMode } from '../api/config-query'
import { formatDateTime } from '../lib/format'

/**
 * How far the server's own store reaches (live mode with a background sync): a quiet line beside
 * "Data as of". Demo mode, or a server without sync, shows nothing.
 */
export function SyncNote({
  config,
  zone,
  now = Date.now(),
}: {
  config: ServerMode | undefined
  zone: string
  now?: number
}) {
  const text = syncText(config, zone, now)
  return text === null ? null : <span className="muted">{text}</span>
}

export function syncText(config: ServerMode | undefined, zone: string, now = Date.now()): string | null {
  const sync = config?.sync
  const storeDown = config?.store === 'degraded' || sync?.state === 'degraded'
  if (storeDown) return 'The server’s store is unavailable: ranges load from SmartAssist'
  if (sync === undefined || sync.state === 'off') return null
  if (sync.state === 'filling') {
    return `Syncing the last ${sync.days === 1 ? 'day' : `${sync.days} days`}…`
  }
  if (sync.coveredTo === null) return null
  const sameDay =
    formatDateTime(sync.coveredTo, zone, 'yyyy-MM-dd') === formatDateTime(now, zone, 'yyyy-MM-dd')
  return `Synced through ${formatDateTime(sync.coveredTo, zone, sameDay ? 'HH:mm' : 'MMM d, HH:mm')}`
}
