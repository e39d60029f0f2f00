// @vitest-environment node
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import {
  addressKey,
  type BasicAuthGuardOptions,
  basicAuthGuard,
  FAILURE_MEMORY_MS,
  FREE_FAILED_ATTEMPTS,
  LOCKOUT_BASE_MS,
  LOCKOUT_MAX_MS,
  MAX_LOGGED_USER_CHARS,
  MAX_TRACKED_ADDRESSES,
} from './basic-auth-guard'

const USER = 'ops'
const PASSWORD = 'pass:word'
const WRONG = 'n0t-the-Passw0rd'

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`

function setup(options: Omit<BasicAuthGuardOptions, 'clock' | 'logger'> = {}) {
  let now = Date.parse('2024-11-20T12:00:00.000Z')
  const clock = { now: () => now }
  const lines: { level: 'info' | 'error'; line: string }[] = []
  const logger = {
    info: (line: string) => lines.push({ level: 'info', line }),
    error: (line: string) => lines.push({ level: 'error', line }),
  }
  const guard = basicAuthGuard(USER, PASSWORD, {
    logger,
    clock,
    addressOf: (c) => c.req.header('x-test-address') ?? 'unknown',
    ...options,
  })
  const app = new Hono()
  app.use(guard)
  app.get('/healthz', (c) => c.json({ ok: true }))
  app.get('/api/config', (c) => c.json({ mode: 'demo' }))

  const get = (authorization?: string, address = '203.0.113.7', path = '/api/config') => {
    const headers: Record<string, string> = { 'x-test-address': address }
    if (authorization !== undefined) headers.authorization = authorization
    return app.request(path, { headers })
  }
  const fail = (address = '203.0.113.7', password = WRONG) => get(basic(USER, password), address)
  const failTimes = async (n: number, address = '203.0.113.7') => {
    for (let i = 0; i < n; i++) await fail(address)
  }
  const advance = (ms: number) => {
    now += ms
  }
  return { app, guard, get, fail, failTimes, advance, lines }
}

describe('basicAuthGuard: signing in', () => {
  it('lets the right user and password in (a password may contain a colon)', async () => {
    const { get } = setup()
    const res = await get(basic(USER, PASSWORD))
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ mode: 'demo' })
  })

  it('answers a wrong user or password with a 401 Basic challenge and a JSON message', async () => {
    const { get } = setup()
    for (const res of [await get(basic(USER, WRONG)), await get(basic('root', PASSWORD))]) {
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toBe('Basic realm="SmartAssist dashboard"')
      expect(await res.json()).toEqual({ error: 'Sign in with the user and password set in DASHBOARD_AUTH.' })
    }
  })

  it('keeps /healthz open, even for a locked-out address', async () => {
    const { get, failTimes } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS)
    expect((await get(basic(USER, PASSWORD))).status).toBe(429)
    expect((await get(undefined, '203.0.113.7', '/healthz')).status).toBe(200)
    expect((await get(basic(USER, WRONG), '203.0.113.7', '/healthz')).status).toBe(200)
  })
})

describe('basicAuthGuard: logging failed attempts', () => {
  it('logs a wrong password with the user name, address and count, never the password', async () => {
    const { fail, lines } = setup()
    await fail('203.0.113.7')
    await fail('203.0.113.7')
    expect(lines).toEqual([
      {
        level: 'info',
        line: 'basic auth: failed sign-in with user "ops" from 203.0.113.7 (failure 1 from this address)',
      },
      {
        level: 'info',
        line: 'basic auth: failed sign-in with user "ops" from 203.0.113.7 (failure 2 from this address)',
      },
    ])
    expect(lines.map((l) => l.line).join('\n')).not.toContain(WRONG)
  })

  it('strips control characters from the logged user name, escapes quotes and truncates it', async () => {
    const { get, lines } = setup()
    await get(basic('evil\nbasic auth- forged line\r\u0000\u2028', WRONG))
    await get(basic('x'.repeat(500), WRONG))
    await get(basic('ops" from 10.0.0.1', WRONG))
    const [forged, long, quoted] = lines.map((l) => l.line)
    expect(forged).toContain('user "evilbasic auth- forged line" from 203.0.113.7')
    expect(quoted).toContain('user "ops\\" from 10.0.0.1" from 203.0.113.7')
    for (const control of ['\n', '\r', '\u0000', '\u2028']) expect(forged).not.toContain(control)
    expect(long).toContain(`user "${'x'.repeat(MAX_LOGGED_USER_CHARS)}…" from`)
    expect(long).not.toContain('x'.repeat(MAX_LOGGED_USER_CHARS + 1))
  })

  it('counts and logs an unreadable Authorization header as a failed attempt', async () => {
    const { get, lines } = setup()
    const res = await get('Bearer abc.def.ghi')
    expect(res.status).toBe(401)
    expect(lines).toEqual([
      {
        level: 'info',
        line: 'basic auth: failed sign-in with an unreadable Authorization header from 203.0.113.7 (failure 1 from this address)',
      },
    ])
  })

  it('logs the failure that starts a lockout as an error, with its length', async () => {
    const { failTimes, lines } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS)
    expect(lines).toHaveLength(FREE_FAILED_ATTEMPTS)
    expect(lines.at(-1)).toEqual({
      level: 'error',
      line: `basic auth: failed sign-in with user "ops" from 203.0.113.7 (failure ${FREE_FAILED_ATTEMPTS} from this address); locked out for 1 s`,
    })
    expect(lines.slice(0, -1).every((l) => l.level === 'info')).toBe(true)
  })
})

describe('basicAuthGuard: slowing down guessing', () => {
  it('does not count requests without an Authorization header (the browser first visit)', async () => {
    const { get, fail, lines } = setup()
    for (let i = 0; i < 3 * FREE_FAILED_ATTEMPTS; i++) {
      const res = await get(undefined)
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Basic')
    }
    expect(lines).toEqual([])
    // Still the first failure for this address, and the right password still works.
    await fail()
    expect(lines[0]?.line).toContain('(failure 1 from this address)')
    expect((await get(basic(USER, PASSWORD))).status).toBe(200)
  })

  it('answers the first 5 failures with 401 at once, then the 6th attempt gets 429 with Retry-After even with the right password', async () => {
    const { get, fail, lines } = setup()
    for (let i = 1; i <= FREE_FAILED_ATTEMPTS; i++) {
      const res = await fail()
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Basic')
    }
    const res = await get(basic(USER, PASSWORD))
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({
      error:
        'Too many failed sign-ins from your address. Wait 1 s, then sign in with the user and password set in DASHBOARD_AUTH.',
    })
    // The password was not checked: nothing more was logged or counted.
    expect(lines).toHaveLength(FREE_FAILED_ATTEMPTS)
  })

  it('tells the user on the failure that starts a lockout how long to wait', async () => {
    const { failTimes, fail } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS - 1)
    const res = await fail()
    expect(res.status).toBe(401)
    expect(res.headers.get('retry-after')).toBe('1')
    expect((await res.json()).error).toBe(
      'Wrong user or password. Too many failed sign-ins from your address: wait 1 s before trying again.',
    )
  })

  it('leaves another address unaffected by a lockout', async () => {
    const { get, failTimes } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS, '203.0.113.7')
    expect((await get(basic(USER, PASSWORD), '203.0.113.7')).status).toBe(429)
    expect((await get(basic(USER, PASSWORD), '198.51.100.9')).status).toBe(200)
    const wrong = await get(basic(USER, WRONG), '198.51.100.9')
    expect(wrong.status).toBe(401)
    expect((await wrong.json()).error).toBe('Sign in with the user and password set in DASHBOARD_AUTH.')
  })

  it('lets the right password in once the lockout expires, and that success resets the count', async () => {
    const { get, fail, failTimes, advance, lines } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS)
    advance(LOCKOUT_BASE_MS - 1)
    expect((await get(basic(USER, PASSWORD))).status).toBe(429)
    advance(1)
    expect((await get(basic(USER, PASSWORD))).status).toBe(200)
    // Reset: the next failure is the first again, and answered 401 without a lockout.
    lines.length = 0
    const res = await fail()
    expect(res.status).toBe(401)
    expect(lines).toEqual([expect.objectContaining({ level: 'info' })])
    expect(lines[0]?.line).toContain('(failure 1 from this address)')
    expect((await get(basic(USER, PASSWORD))).status).toBe(200)
  })

  it('doubles the lockout with each further failure, capped at 15 minutes', async () => {
    const { get, fail, failTimes, advance } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS)
    const waits: number[] = []
    let lockout = LOCKOUT_BASE_MS
    for (let i = 0; i < 14; i++) {
      advance(lockout)
      const res = await fail()
      expect(res.status).toBe(401)
      const wait = Number(res.headers.get('retry-after'))
      waits.push(wait)
      lockout = wait * 1000
      const locked = await get(basic(USER, PASSWORD))
      expect(locked.status).toBe(429)
      expect(locked.headers.get('retry-after')).toBe(String(wait))
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900, 900])
    expect(LOCKOUT_MAX_MS).toBe(900_000)
  })

  it('counts the Retry-After down while the lockout runs', async () => {
    const { get, fail, failTimes, advance } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS) // locked out for 1 s
    advance(1_000)
    await fail() // 2 s
    advance(2_000)
    expect((await fail()).headers.get('retry-after')).toBe('4')
    advance(1_500)
    expect((await get(basic(USER, PASSWORD))).headers.get('retry-after')).toBe('3')
    advance(2_000)
    expect((await get(basic(USER, PASSWORD))).headers.get('retry-after')).toBe('1')
    advance(500)
    expect((await get(basic(USER, PASSWORD))).status).toBe(200)
  })

  it("forgets an address's failures an hour after its last one, and drops expired entries", async () => {
    const { guard, fail, failTimes, advance, lines } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS - 1, '203.0.113.7')
    await failTimes(2, '198.51.100.9')
    expect(guard.trackedAddresses).toBe(2)
    advance(FAILURE_MEMORY_MS - 1)
    await fail('203.0.113.7')
    expect(lines.at(-1)?.line).toContain(`(failure ${FREE_FAILED_ATTEMPTS} from this address); locked out`)
    advance(FAILURE_MEMORY_MS)
    lines.length = 0
    await fail('192.0.2.1')
    expect(guard.trackedAddresses).toBe(1)
    await fail('203.0.113.7')
    expect(lines.at(-1)?.line).toContain('(failure 1 from this address)')
  })

  it(`tracks at most ${MAX_TRACKED_ADDRESSES} addresses, dropping the one whose last failure is oldest`, async () => {
    const { guard, get, failTimes, advance } = setup()
    await failTimes(FREE_FAILED_ATTEMPTS - 1, '203.0.113.7')
    for (let i = 0; i < MAX_TRACKED_ADDRESSES; i++) {
      advance(1)
      await failTimes(1, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`)
      expect(guard.trackedAddresses).toBeLessThanOrEqual(MAX_TRACKED_ADDRESSES)
    }
    expect(guard.trackedAddresses).toBe(MAX_TRACKED_ADDRESSES)
    // 203.0.113.7 was dropped: 4 more failures are answered at once and do not lock it out.
    await failTimes(FREE_FAILED_ATTEMPTS - 1, '203.0.113.7')
    expect((await get(basic(USER, PASSWORD), '203.0.113.7')).status).toBe(200)
    expect(guard.trackedAddresses).toBe(MAX_TRACKED_ADDRESSES - 1)
  }, 60_000)

  it("counts under the socket address by default, 'unknown' when there is no socket (app.request)", async () => {
    const lines: string[] = []
    const app = new Hono()
    app.use(
      basicAuthGuard(USER, PASSWORD, { logger: { info: (l) => lines.push(l), error: (l) => lines.push(l) } }),
    )
    app.get('/', (c) => c.text('ok'))
    const res = await app.request('/', { headers: { authorization: basic(USER, WRONG) } })
    expect(res.status).toBe(401)
    expect(lines).toEqual([
      'basic auth: failed sign-in with user "ops" from unknown (failure 1 from this address)',
    ])
    expect((await app.request('/', { headers: { authorization: basic(USER, PASSWORD) } })).status).toBe(200)
  })

  it('keeps the two-argument call working', async () => {
    const app = new Hono()
    app.use(basicAuthGuard(USER, PASSWORD))
    app.get('/', (c) => c.text('ok'))
    expect((await app.request('/', { headers: { authorization: basic(USER, PASSWORD) } })).status).toBe(200)
    expect((await app.request('/')).status).toBe(401)
  })
})

describe('addressKey', () => {
  it('keeps IPv4 as it is and maps IPv4-mapped IPv6 to IPv4', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(addressKey('unknown')).toBe('unknown')
  })

  it('groups IPv6 addresses by their /64', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64')
    expect(addressKey('2001:db8::5')).toBe('2001:db8:0:0::/64')
    expect(addressKey('::1')).toBe('0:0:0:0::/64')
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(addressKey('not:an:address::g')).toBe('not:an:address::g')
  })

  it('locks out a whole /64 together', async () => {
    const { get, failTimes } = setup()
    for (let i = 0; i < FREE_FAILED_ATTEMPTS; i++) await failTimes(1, `2001:db8:1:2::${i + 1}`)
    expect((await get(basic(USER, PASSWORD), '2001:db8:1:2:ffff::9')).status).toBe(429)
    expect((await get(basic(USER, PASSWORD), '2001:db8:1:3::1')).status).toBe(200)
  })
})
