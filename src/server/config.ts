// Server configuration from environment variables (CONTRACT.md, "Configuration").
// Everything here is pure: start.ts passes process.env (after reading .env) and decides what to do
// with a ConfigError (print it and exit non-zero).

export type Credential =
  | {
      kind: 'pair'
      clientId: string
      clientSecret: string /** SMARTASSIST_JWT was set too and is ignored */
      jwtIgnored: boolean
    }
  | { kind: 'jwt'; token: string }

export type DemoConfig = { mode: 'demo'; demoPerDay: number }

export type LiveConfig = {
  mode: 'live'
  /** origin (and optional path prefix) without a trailing slash, e.g. https://platform.kore.ai */
  host: string
  accountId: string
  iId: string
  credential: Credential
  rateLimitPerMinute: number
}

export type ServerConfig = DemoConfig | LiveConfig

export type DashboardAuth = { user: string; password: string }

export type Env = Record<string, string | undefined>

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60
// 700 a day puts ~4,900 conversations in a week: several thousand, and more than one 1,100-record
// query can hold, so demo mode exercises window splitting.
export const DEFAULT_DEMO_PER_DAY = 700

const REQUIRED_LIVE = ['SMARTASSIST_HOST', 'SMARTASSIST_ACCOUNT_ID', 'SMARTASSIST_IID'] as const
// Tuning variables do not switch on live mode: only the connection variables do.
const TUNING = new Set([
  'SMARTASSIST_RATE_LIMIT',
  'SMARTASSIST_SYNC_DAYS',
  'SMARTASSIST_SYNC_SHARE',
  'SMARTASSIST_KEEP_DAYS',
  'SMARTASSIST_DEMO_PER_DAY',
])

/** Reads an env var; blank values (`SMARTASSIST_JWT=` in a .env file) count as unset. */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

/** A decimal whole number in min..max (no hex, exponent, sign or fraction: `0x1F90`, `1e3` are refused). */
function wholeNumber(
  env: Env,
  name: string,
  fallback: number,
  problems: string[],
  [min, max]: [number, number] = [1, Number.MAX_SAFE_INTEGER],
): number {
  const raw = read(env, name)
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `${min} or more` : `${min} to ${max}`
    problems.push(`${name} must be a decimal whole number, ${range} (got "${raw}")`)
    return fallback
  }
  return Number(raw)
}

/** A decimal fraction in 0..1, e.g. 0.5. */
function share(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = read(env, name)
  if (raw === undefined) return fallback
  if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(raw)) {
    problems.push(`${name} must be a share from 0 to 1, e.g. 0.5 (got "${raw}")`)
    return fallback
  }
  return Number(raw)
}

/** REDIS_URL: redis:// or rediss:// with a host. Only its form is checked here. */
function redisUrl(env: Env, problems: string[]): string | undefined {
  const raw = read(env, 'REDIS_URL')
  if (raw === undefined) return undefined
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname) {
    // The URL may carry a password: name the variable, not its value.
    problems.push('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0')
    return undefined
  }
  return raw
}

/** Settings that do not depend on the mode; each must have the right form whatever the mode. */
export type Tuning = {
  syncDays: number
  syncShare: number
  keepDays: number
  dataDir: string
  redisUrl: string | undefined
}

export const DEFAULT_SYNC_DAYS = 7
export const DEFAULT_SYNC_SHARE = 0.5
export const DEFAULT_KEEP_DAYS = 31

function readTuning(env: Env, problems: string[]): Tuning {
  return {
    syncDays: wholeNumber(env, 'SMARTASSIST_SYNC_DAYS', DEFAULT_SYNC_DAYS, problems, [0, 366]),
    syncShare: share(env, 'SMARTASSIST_SYNC_SHARE', DEFAULT_SYNC_SHARE, problems),
    keepDays: wholeNumber(env, 'SMARTASSIST_KEEP_DAYS', DEFAULT_KEEP_DAYS, problems, [1, 3660]),
    dataDir: read(env, 'DATA_DIR') ?? '.data',
    redisUrl: redisUrl(env, problems),
  }
}

function parseHost(raw: string, problems: string[]): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    problems.push(
      `SMARTASSIST_HOST must be a URL with its scheme, e.g. https://platform.kore.ai (got "${raw}")`,
    )
    return raw
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push(`SMARTASSIST_HOST must start with https:// or http:// (got "${raw}")`)
  } else if (url.search || url.hash || url.username || url.password) {
    problems.push('SMARTASSIST_HOST must be a plain base URL, without query, fragment or credentials')
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

function configError(problems: string[]): ConfigError {
  return new ConfigError(`Configuration problem:\n  - ${problems.join('\n  - ')}\nSee .env.example.`)
}

/** The store and sync settings; a value of the wrong form is a ConfigError. */
export function loadTuning(env: Env): Tuning {
  const problems: string[] = []
  const tuning = readTuning(env, problems)
  if (problems.length) throw configError(problems)
  return tuning
}

/** Demo mode when no SMARTASSIST_* variable (demo ones aside) is set; live mode when all are; else ConfigError. */
export function loadConfig(env: Env): ServerConfig {
  const problems: string[] = []
  const liveVarsSet = Object.keys(env).filter(
    (name) => name.startsWith('SMARTASSIST_') && !TUNING.has(name) && read(env, name) !== undefined,
  )
  readTuning(env, problems)
  const rateLimitPerMinute = wholeNumber(
    env,
    'SMARTASSIST_RATE_LIMIT',
    DEFAULT_RATE_LIMIT_PER_MINUTE,
    problems,
  )

  if (liveVarsSet.length === 0) {
    const demoPerDay = wholeNumber(env, 'SMARTASSIST_DEMO_PER_DAY', DEFAULT_DEMO_PER_DAY, problems)
    if (problems.length) throw configError(problems)
    return { mode: 'demo', demoPerDay }
  }

  const missing: string[] = REQUIRED_LIVE.filter((name) => read(env, name) === undefined)
  const clientId = read(env, 'SMARTASSIST_CLIENT_ID')
  const clientSecret = read(env, 'SMARTASSIST_CLIENT_SECRET')
  const token = read(env, 'SMARTASSIST_JWT')
  // Half a pair is a mistake even when a JWT is set: say which half is missing rather than guess.
  if (clientId && !clientSecret) missing.push('SMARTASSIST_CLIENT_SECRET')
  else if (clientSecret && !clientId) missing.push('SMARTASSIST_CLIENT_ID')
  else if (!clientId && !token)
    missing.push('SMARTASSIST_CLIENT_ID + SMARTASSIST_CLIENT_SECRET (or SMARTASSIST_JWT)')
  if (missing.length) {
    problems.push(
      `live mode is only partly configured (${liveVarsSet.join(', ')} set); missing: ${missing.join(', ')}. ` +
        'Set them, or unset every SMARTASSIST_* variable to run on demo data',
    )
  }

  const rawHost = read(env, 'SMARTASSIST_HOST')
  const host = rawHost === undefined ? '' : parseHost(rawHost, problems)
  if (problems.length) throw configError(problems)

  const credential: Credential =
    clientId && clientSecret
      ? { kind: 'pair', clientId, clientSecret, jwtIgnored: token !== undefined }
      : { kind: 'jwt', token: token as string }
  return {
    mode: 'live',
    host,
    accountId: read(env, 'SMARTASSIST_ACCOUNT_ID') as string,
    iId: read(env, 'SMARTASSIST_IID') as string,
    credential,
    rateLimitPerMinute,
  }
}

/** The start-up log line: what the server talks to and how it authenticates. Never a secret. */
export function describeConfig(config: ServerConfig): string {
  if (config.mode === 'demo') {
    return (
      `SmartAssist: demo mode, synthetic data (${config.demoPerDay} conversations a day). ` +
      'Set SMARTASSIST_HOST, SMARTASSIST_ACCOUNT_ID, SMARTASSIST_IID and a credential for live data.'
    )
  }
  const credential =
    config.credential.kind === 'jwt'
      ? 'the ready JWT from SMARTASSIST_JWT'
      : 'an HS256 JWT signed from SMARTASSIST_CLIENT_ID + SMARTASSIST_CLIENT_SECRET' +
        (config.credential.jwtIgnored
          ? ' (SMARTASSIST_JWT is set too and ignored: the id/secret pair wins)'
          : '')
  return (
    `SmartAssist: live mode, ${config.host}, account ${config.accountId}, iId ${config.iId}, ` +
    `auth with ${credential}, at most ${config.rateLimitPerMinute} requests a minute.`
  )
}

/** DASHBOARD_AUTH=`user:password` (the password may contain colons); undefined when unset. */
export function loadDashboardAuth(env: Env): DashboardAuth | undefined {
  const raw = env.DASHBOARD_AUTH
  if (raw === undefined || raw === '') return undefined
  const colon = raw.indexOf(':')
  const user = colon > 0 ? raw.slice(0, colon) : ''
  const password = colon > 0 ? raw.slice(colon + 1) : ''
  if (!user || !password) {
    throw new ConfigError(
      'DASHBOARD_AUTH must be user:password, both non-empty (e.g. DASHBOARD_AUTH=ops:a-long-passphrase).',
    )
  }
  return { user, password }
}

export type Listen = {
  host: string
  port: number
  /** Host header names answered besides loopback names and `host` (DASHBOARD_ALLOWED_HOSTS) */
  allowedHosts: string[]
}

export const DEFAULT_PORT = 8080

/** HOST, PORT and DASHBOARD_ALLOWED_HOSTS for `npm start`; a PORT of the wrong form is a ConfigError. */
export function loadListen(env: Env): Listen {
  const problems: string[] = []
  const port = wholeNumber(env, 'PORT', DEFAULT_PORT, problems, [1, 65535])
  if (problems.length) throw configError(problems)
  return { host: read(env, 'HOST') ?? '127.0.0.1', port, allowedHosts: loadAllowedHosts(env) }
}

/** DASHBOARD_ALLOWED_HOSTS: comma-separated names, compared without port, case or trailing dot. */
export function loadAllowedHosts(env: Env): string[] {
  return (read(env, 'DASHBOARD_ALLOWED_HOSTS') ?? '')
    .split(',')
    .map(normalizeHostName)
    .filter((name) => name !== '')
}

/** `Example.COM.` → `example.com`; `[::1]` → `::1`. */
export function normalizeHostName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
}

export function isLoopbackHost(host: string): boolean {
  const h = normalizeHostName(host)
  return (
    h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
  )
}

/** The rule for `npm start`: listening beyond loopback needs DASHBOARD_AUTH. Returns the error message or null. */
export function checkListenSecurity(host: string, dashboardAuth: DashboardAuth | undefined): string | null {
  if (dashboardAuth || isLoopbackHost(host)) return null
  return (
    `HOST=${host} makes the dashboard reachable from other machines, so DASHBOARD_AUTH=user:password is required. ` +
    'Set DASHBOARD_AUTH, or listen on 127.0.0.1.'
  )
}
