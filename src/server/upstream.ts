import type { LiveConfig } from './config'
import type { TokenProvider } from './jwt'
import type { CallDetailsQuery } from './validate-request'

export type UpstreamResponse = { status: number; headers: Headers; body: unknown }

/** SmartAssist's call-details endpoint, live or synthetic (demo mode plugs in here). */
export type Upstream = {
  calldetails(q: CallDetailsQuery, signal: AbortSignal): Promise<UpstreamResponse>
}

export type LiveUpstreamOptions = { fetch?: typeof fetch; tokenProvider: TokenProvider }

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
      const text = await response.text()
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
