import { SignJWT } from 'jose'
import type { Credential } from './config'

export type TokenProvider = { getToken(): Promise<string> }

export type TokenProviderOptions = {
  /** epoch ms; injectable so tests can step past the expiry */
  now?: () => number
  ttlSeconds?: number
  /** re-sign this long before expiry, so a token never expires in flight */
  refreshBeforeSeconds?: number
}

/**
 * The `auth` header value. A ready JWT is passed through; a client id/secret pair signs its own
 * HS256 token `{appId: clientId}` (Kore.ai's scheme), short-lived, cached until shortly before expiry.
 */
export function createTokenProvider(
  credential: Credential,
  options: TokenProviderOptions = {},
): TokenProvider {
  if (credential.kind === 'jwt') {
    const token = credential.token
    return { getToken: async () => token }
  }
  const { now = Date.now, ttlSeconds = 300, refreshBeforeSeconds = 60 } = options
  const key = new TextEncoder().encode(credential.clientSecret)
  let cached: { token: Promise<string>; refreshAt: number } | undefined

  return {
    getToken() {
      const nowMs = now()
      if (!cached || nowMs >= cached.refreshAt) {
        const iat = Math.floor(nowMs / 1000)
        const token = new SignJWT({ appId: credential.clientId })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .setIssuedAt(iat)
          .setExpirationTime(iat + ttlSeconds)
          .sign(key)
        // Caching the promise lets concurrent callers share one signature.
        cached = { token, refreshAt: (iat + ttlSeconds - refreshBeforeSeconds) * 1000 }
        token.catch(() => {
          cached = undefined
        })
      }
      return cached.token
    },
  }
}
