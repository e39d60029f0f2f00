// @vitest-environment node
import { decodeJwt, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { createTokenProvider } from './jwt'

const SECRET = 'client-secret-for-signing'
const pair = { kind: 'pair' as const, clientId: 'cs-5d1024e6', clientSecret: SECRET, jwtIgnored: false }

describe('createTokenProvider', () => {
  it('signs an HS256 JWT with the client secret, claim appId = client id, short-lived', async () => {
    let now = Date.parse('2024-11-20T12:00:00Z')
    const token = await createTokenProvider(pair, { now: () => now }).getToken()
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(SECRET), {
      currentDate: new Date(now),
    })
    expect(protectedHeader.alg).toBe('HS256')
    expect(payload.appId).toBe('cs-5d1024e6')
    expect(payload.exp).toBeDefined()
    expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(300)
    now += 10 * 60_000
    await expect(
      jwtVerify(token, new TextEncoder().encode(SECRET), { currentDate: new Date(now) }),
    ).rejects.toThrow()
  })

  it('does not verify with another secret', async () => {
    const token = await createTokenProvider(pair).getToken()
    await expect(jwtVerify(token, new TextEncoder().encode('wrong-secret'))).rejects.toThrow()
  })

  it('reuses the token while fresh and re-signs it before it expires', async () => {
    let now = Date.parse('2024-11-20T12:00:00Z')
    const provider = createTokenProvider(pair, { now: () => now, ttlSeconds: 300, refreshBeforeSeconds: 60 })
    const first = await provider.getToken()
    now += 200_000
    expect(await provider.getToken()).toBe(first)
    now += 41_000 // 241 s: inside the last minute of validity
    const second = await provider.getToken()
    expect(second).not.toBe(first)
    expect(decodeJwt(second).iat).toBe((decodeJwt(first).iat as number) + 241)
    expect(decodeJwt(second).exp as number).toBeGreaterThan(now / 1000 + 60)
  })

  it('passes a ready JWT through unchanged', async () => {
    expect(await createTokenProvider({ kind: 'jwt', token: 'eyJ.ready.jwt' }).getToken()).toBe(
      'eyJ.ready.jwt',
    )
  })
})
