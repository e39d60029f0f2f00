// @vitest-environment node
import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  checkListenSecurity,
  describeConfig,
  loadConfig,
  loadDashboardAuth,
  loadListen,
} from './config'

const LIVE = {
  SMARTASSIST_HOST: 'https://platform.kore.ai/',
  SMARTASSIST_ACCOUNT_ID: 'acct-1',
  SMARTASSIST_IID: 'st-iid',
  SMARTASSIST_CLIENT_ID: 'cs-client',
  SMARTASSIST_CLIENT_SECRET: 'client-secret-value',
}

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  it('runs on demo data when no SMARTASSIST_* variable is set, 700 a day by default', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOST: '0.0.0.0' })).toEqual({ mode: 'demo', demoPerDay: 700 })
  })

  it('stays in demo mode with only demo variables, and reads SMARTASSIST_DEMO_PER_DAY', () => {
    expect(loadConfig({ SMARTASSIST_DEMO_PER_DAY: '1500' })).toEqual({ mode: 'demo', demoPerDay: 1500 })
  })

  it('treats blank variables (KEY= in .env) as unset', () => {
    expect(loadConfig({ SMARTASSIST_HOST: '', SMARTASSIST_JWT: '  ' }).mode).toBe('demo')
  })

  it('rejects a demo rate that is not a positive integer', () => {
    for (const value of ['0', '-5', '2.5', 'lots']) {
      expect(configError({ SMARTASSIST_DEMO_PER_DAY: value })).toContain('SMARTASSIST_DEMO_PER_DAY')
    }
  })

  it('goes live with host, account, iId and the id/secret pair; rate limit 60 by default', () => {
    expect(loadConfig(LIVE)).toEqual({
      mode: 'live',
      host: 'https://platform.kore.ai',
      accountId: 'acct-1',
      iId: 'st-iid',
      credential: {
        kind: 'pair',
        clientId: 'cs-client',
        clientSecret: 'client-secret-value',
        jwtIgnored: false,
      },
      rateLimitPerMinute: 60,
    })
  })

  it('goes live with a ready JWT when no pair is set', () => {
    const { SMARTASSIST_CLIENT_ID: _, SMARTASSIST_CLIENT_SECRET: __, ...base } = LIVE
    const config = loadConfig({ ...base, SMARTASSIST_JWT: 'eyJ.ready.jwt', SMARTASSIST_RATE_LIMIT: '30' })
    expect(config).toMatchObject({
      mode: 'live',
      credential: { kind: 'jwt', token: 'eyJ.ready.jwt' },
      rateLimitPerMinute: 30,
    })
  })

  it('lets the pair win over a JWT and says so in the start-up line, without any secret', () => {
    const config = loadConfig({ ...LIVE, SMARTASSIST_JWT: 'eyJ.ready.jwt' })
    expect(config).toMatchObject({ credential: { kind: 'pair', jwtIgnored: true } })
    const line = describeConfig(config)
    expect(line).toContain('the id/secret pair wins')
    expect(line).toContain('SMARTASSIST_JWT is set too and ignored')
    expect(line).not.toContain('client-secret-value')
    expect(line).not.toContain('eyJ.ready.jwt')
  })

  it('names every missing variable when live mode is only partly configured', () => {
    const message = configError({ SMARTASSIST_HOST: 'https://platform.kore.ai' })
    expect(message).toContain('SMARTASSIST_ACCOUNT_ID')
    expect(message).toContain('SMARTASSIST_IID')
    expect(message).toContain('SMARTASSIST_CLIENT_ID + SMARTASSIST_CLIENT_SECRET (or SMARTASSIST_JWT)')
    expect(message).not.toContain('missing: SMARTASSIST_HOST')
  })

  it('names the missing half of the id/secret pair', () => {
    const { SMARTASSIST_CLIENT_SECRET: _, ...withoutSecret } = LIVE
    expect(configError(withoutSecret)).toContain('missing: SMARTASSIST_CLIENT_SECRET.')
    const { SMARTASSIST_CLIENT_ID: __, ...withoutId } = LIVE
    expect(configError({ ...withoutId, SMARTASSIST_JWT: 'eyJ.a.b' })).toContain(
      'missing: SMARTASSIST_CLIENT_ID',
    )
  })

  it('does not count tuning variables as live configuration', () => {
    const tuning = {
      SMARTASSIST_RATE_LIMIT: '30',
      SMARTASSIST_SYNC_DAYS: '0',
      SMARTASSIST_SYNC_SHARE: '0.25',
      SMARTASSIST_KEEP_DAYS: '14',
      SMARTASSIST_DEMO_PER_DAY: '100',
    }
    expect(loadConfig(tuning)).toEqual({ mode: 'demo', demoPerDay: 100 })
  })

  it('stops on tuning values of the wrong form, in either mode', () => {
    const wrong: Record<string, string[]> = {
      SMARTASSIST_SYNC_DAYS: ['-1', '2.5', 'week', '0x7'],
      SMARTASSIST_SYNC_SHARE: ['1.5', '-0.1', 'half', '50%', '1e-1'],
      SMARTASSIST_KEEP_DAYS: ['0', '1e3', 'forever'],
      SMARTASSIST_RATE_LIMIT: ['0x3C', '6e1'],
      REDIS_URL: ['localhost:6379', 'http://127.0.0.1:6379', 'redis://'],
    }
    for (const [name, values] of Object.entries(wrong)) {
      for (const value of values) {
        expect(configError({ [name]: value }), `${name}=${value}`).toContain(name)
        expect(configError({ ...LIVE, [name]: value }), `${name}=${value} (live)`).toContain(name)
      }
    }
    for (const share of ['0', '1', '0.5', '.25', '1.0']) {
      expect(() => loadConfig({ SMARTASSIST_SYNC_SHARE: share }), share).not.toThrow()
    }
    expect(() => loadConfig({ REDIS_URL: 'rediss://user:pw@redis.internal:6380/2' })).not.toThrow()
  })

  it('never echoes a REDIS_URL, which may hold a password', () => {
    expect(configError({ REDIS_URL: 'redis//user:hunter2@host' })).not.toContain('hunter2')
  })

  it('never puts a secret value in its error message', () => {
    const message = configError({
      SMARTASSIST_CLIENT_SECRET: 'client-secret-value',
      SMARTASSIST_JWT: 'eyJ.ready.jwt',
    })
    expect(message).not.toContain('client-secret-value')
    expect(message).not.toContain('eyJ.ready.jwt')
  })

  it('requires an http(s) URL for SMARTASSIST_HOST', () => {
    expect(configError({ ...LIVE, SMARTASSIST_HOST: 'platform.kore.ai' })).toContain(
      'SMARTASSIST_HOST must be a URL',
    )
    expect(configError({ ...LIVE, SMARTASSIST_HOST: 'ftp://platform.kore.ai' })).toContain('https://')
    expect(loadConfig({ ...LIVE, SMARTASSIST_HOST: 'http://127.0.0.1:9000' })).toMatchObject({
      host: 'http://127.0.0.1:9000',
    })
  })

  it('requires a positive integer SMARTASSIST_RATE_LIMIT', () => {
    for (const value of ['0', '-1', '1.5', 'fast']) {
      expect(configError({ ...LIVE, SMARTASSIST_RATE_LIMIT: value })).toContain('SMARTASSIST_RATE_LIMIT')
    }
  })
})

describe('describeConfig', () => {
  it('says plainly when the data is synthetic', () => {
    expect(describeConfig(loadConfig({}))).toMatch(/demo mode, synthetic data \(700 conversations a day\)/)
  })

  it('describes a live JWT configuration without the token', () => {
    const { SMARTASSIST_CLIENT_ID: _, SMARTASSIST_CLIENT_SECRET: __, ...base } = LIVE
    const line = describeConfig(loadConfig({ ...base, SMARTASSIST_JWT: 'eyJ.ready.jwt' }))
    expect(line).toContain('live mode, https://platform.kore.ai, account acct-1')
    expect(line).toContain('SMARTASSIST_JWT')
    expect(line).not.toContain('eyJ.ready.jwt')
  })
})

describe('loadListen', () => {
  it('reads HOST, PORT (default 127.0.0.1:8080) and DASHBOARD_ALLOWED_HOSTS', () => {
    expect(loadListen({})).toEqual({ host: '127.0.0.1', port: 8080, allowedHosts: [] })
    expect(
      loadListen({ HOST: '0.0.0.0', PORT: '443', DASHBOARD_ALLOWED_HOSTS: ' Dash.Example.com, [::1] ,,' }),
    ).toEqual({ host: '0.0.0.0', port: 443, allowedHosts: ['dash.example.com', '::1'] })
  })

  it('stops on a PORT that is not a decimal integer 1..65535 (0x1F90 and 1e3 were taken as 8080 and 1000)', () => {
    for (const port of ['0x1F90', '1e3', '0', '65536', '-1', '80.0', '8080abc', 'http']) {
      expect(() => loadListen({ PORT: port }), port).toThrow(
        /PORT must be a decimal whole number, 1 to 65535/,
      )
    }
    expect(loadListen({ PORT: '65535' }).port).toBe(65535)
  })
})

describe('DASHBOARD_AUTH', () => {
  it('parses user:password, the password may contain colons', () => {
    expect(loadDashboardAuth({ DASHBOARD_AUTH: 'ops:pa:ss' })).toEqual({ user: 'ops', password: 'pa:ss' })
    expect(loadDashboardAuth({})).toBeUndefined()
  })

  it('rejects a value without user or password', () => {
    for (const value of ['ops', ':secret', 'ops:']) {
      expect(() => loadDashboardAuth({ DASHBOARD_AUTH: value })).toThrow(ConfigError)
    }
  })

  it('is required when listening beyond loopback', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2']) {
      expect(checkListenSecurity(host, undefined)).toBeNull()
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'dashboard.example.com']) {
      expect(checkListenSecurity(host, undefined)).toContain('DASHBOARD_AUTH')
      expect(checkListenSecurity(host, { user: 'ops', password: 'pw' })).toBeNull()
    }
  })
})
