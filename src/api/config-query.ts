import { queryOptions } from '@tanstack/react-query'
import { z } from 'zod'

const configSchema = z.object({ mode: z.enum(['demo', 'live']), accountId: z.string().optional() })
export type ServerMode = z.infer<typeof configSchema>

export const configQuery = queryOptions({
  queryKey: ['config'],
  queryFn: async ({ signal }): Promise<ServerMode> => {
    const res = await fetch('/api/config', { signal })
    if (!res.ok) throw new Error(`The dashboard server answered ${res.status} for /api/config`)
    return configSchema.parse(await res.json())
  },
  staleTime: Number.POSITIVE_INFINITY,
})
