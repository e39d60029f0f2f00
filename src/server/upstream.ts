import type { LiveConfig } from './config'
import type { TokenProvider } from './jwt'
import { MAX_UPSTREAM_BODY_BYTES } from './protection-limits'
import type { CallDetailsQuery } from './validate-request'

/** `oversized`: the body passed MAX_UPSTREAM_BODY_BYTES and was not read further (`body` is null). */
export type UpstreamResponse = { status: number; headers: Headers; body: unknown; oversized?: true }

/** SmartAssist's call-details endpoint, live or synthetic (demo mode plugs in here). */
export type Upstream = {
  calldetails(q: CallDetailsQuery, signal: AbortSignal): Promise<UpstreamResponse>
}

export type LiveUpstreamOptions = {
  fetch?: typeof fetch
  tokenProvider: TokenProvider
  /** default MAX_UPSTREAM_BODY_BYTES */
  maxBodyBytes?: number
}

/** The body as text, or null once it passes `maxBytes` (the rest is never read: memory stays bounded). */
async function readCapped(response: Response, maxBytes: number): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel()
    return null
  }
  if (!response.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** The only place a request leaves the server, always to SMARTASSIST_HOST. */
export function callDetailsUrl(config: LiveConfig, offset: number, limit: number): URL {
  const url = new URL(
    `${config.host}/agentassist/api/public/analytics/account/${encodeURIComponent(config.accountId)}/v2/calldetails`,
  )
  url.searchParams.set('offset', String(offset))
  url.searchParams.set('limit', String(limit))
  return url
}

export function createLiveUpstream(config: LiveConfig, options: LiveUpstreamOptions): Upstream {
  const doFetch = options.fetch ?? fetch
  const maxBodyBytes = options.maxBodyBytes ?? MAX_UPSTREAM_BODY_BYTES
  return {
    async calldetails(q, signal) {
      const response = await doFetch(callDetailsUrl(config, q.offset, q.limit), {
        method: 'POST',
        headers: {
          auth: await options.tokenProvider.getToken(),
          accountId: config.accountId,
          iId: config.iId,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(q.body),
        // A redirect could carry the auth header to another host: answer it instead of following it.
        redirect: 'manual',
        signal,
      })
      const text = await readCapped(response, maxBodyBytes)
      if (text === null)
        return { status: response.status, headers: response.headers, body: null, oversized: true }
      let body: unknown = text
      try {
        body = text === '' ? null : JSON.parse(text)
      } catch {
        // not JSON: keep the text, the error mapping quotes it
      }
      return { status: response.status, headers: response.headers, body }
    },
  }
}
