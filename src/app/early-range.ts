import type { QueryClient } from '@tanstack/react-query'
import { conversationsQuery } from '../api/conversations-query'
import { rangeFromUrl } from '../features/date-range/range-url'
import { browserTimeZone } from '../lib/format'

/**
 * Starts the URL's range before React's first render: that render (picker, filters, table shell) takes
 * a few hundred ms, and the range's stream can arrive meanwhile. RangeView's query picks up the same
 * fetch (same key); a URL that names no valid range starts nothing.
 */
export function prefetchUrlRange(client: QueryClient, search: string, now = Date.now()): void {
  const parsed = rangeFromUrl(new URLSearchParams(search), now, browserTimeZone())
  if (parsed.ok) void client.prefetchQuery(conversationsQuery(parsed.range.start, parsed.range.end))
}
