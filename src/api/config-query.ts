import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod'

const syncSchema = z.object({
  days: z.number().int().nonnegative(),
  /** the stretch of the last `days` the server's store holds completely (epoch ms) */
  coveredFrom: z.number().nullable(),
  coveredTo: z.number().nullable(),
  state: z.enum(['off', 'filling', 'current', 'degraded']),
})
export type SyncStatus = z.infer<typeof syncSchema>

const configSchema = z.object({
  mode: z.enum(['demo', 'live']),
  accountId: z.string().optional(),
  rateLimitPerMinute: z.number().positive().optional(),
  // Live mode only. A part this page does not understand is left out, not a failure of the whole answer.
  sync: syncSchema.optional().catch(undefined),
  store: z.enum(['ok', 'degraded']).optional().catch(undefined),
})
export type ServerMode = z.infer<typeof configSchema>

/** GET /api/config's answer, checked: anything but a mode is optional. */
export function parseServerConfig(json: unknown): ServerMode {
  return configSchema.parse(json)
}

export const configQuery = queryOptions({
  queryKey: ['config'],
  queryFn: async ({ signal }): Promise<ServerMode> => {
    const res = await fetch('/api/config', { signal })
    if (!res.ok) throw new Error(`The dashboard server answered ${res.status} for /api/config`)
    return parseServerConfig(await res.json())
  },
  staleTime: Number.POSITIVE_INFINITY,
  // While a background sync runs, how far the store reaches moves: ask again now and then.
  refetchInterval: (query) => {
    const sync = query.state.data?.sync
    if (sync === undefined || sync.state === 'off') return false
    return sync.state === 'filling' ? 15_000 : 60_000
  },
})
