import { createHash, timingSafeEqual } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { consoleLogger } from './logger'

// ---- Failed sign-in throttling: every number in one place -------------------------------------

/** Failed attempts an address gets answered at once (401); the last of them starts the first lockout. */
export const FREE_FAILED_ATTEMPTS = 5
/** The first lockout; each further failure doubles it. */
export const LOCKOUT_BASE_MS = 1_000
/** Lockouts never grow beyond this. */
export const LOCKOUT_MAX_MS = 15 * 60_000
/**
 * Sliding period: an address's failures are forgotten once it has had none for this long. Longer than
 * LOCKOUT_MAX_MS, so a capped lockout ends before the count does and the next guess is locked out again.
 */
export const FAILURE_MEMORY_MS = 60 * 60_000
/** At most this many addresses are tracked; expired ones go first, then the ones whose last failure is oldest. */
export const MAX_TRACKED_ADDRESSES = 10_000
/** Longest user name (in characters) a log line repeats. */
export const MAX_LOGGED_USER_CHARS = 64

// -------------------------------------------------------------------------------------------------

export type BasicAuthGuardOptions = {
  logger?: { info(line: string): void; error(line: string): void }
  clock?: { now(): number }
  /** The client address failures are counted by. Default: the socket's remote address ('unknown' without one). */
  addressOf?: (c: Context) => string
}

export type BasicAuthGuard = MiddlewareHandler & {
  /** How many addresses the failure table holds now (at most MAX_TRACKED_ADDRESSES). */
  readonly trackedAddresses: number
}

type Failures = { count: number; lastFailureAt: number; lockedUntil: number }

const REALM = 'SmartAssist dashboard'
const SIGN_IN_MESSAGE = 'Sign in with the user and password set in DASHBOARD_AUTH.'
const CREDENTIALS = /^ *[Bb][Aa][Ss][Ii][Cc] +([A-Za-z0-9._~+/-]+=*) *$/
// C0 and C1 controls, DEL, and the Unicode line/paragraph separators: nothing that can forge a log line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

const json = (status: number, body: unknown, headers: Record<string, string>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })

/** The socket's remote address; `app.request()` (tests) has no socket. */
export function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address || 'unknown'
  } catch {
    return 'unknown'
  }
}

/**
 * The key failures are counted under. IPv4-mapped IPv6 becomes plain IPv4; other IPv6 addresses are
 * grouped by their /64, since one client usually holds a whole /64 and could otherwise rotate through it.
 */
export function addressKey(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare)
  if (mapped?.[1]) return mapped[1]
  if (!bare.includes(':') || bare.includes('.')) return address
  const [head = '', tail, ...rest] = bare.split('::')
  if (rest.length > 0) return address
  const headParts = head ? head.split(':') : []
  const tailParts = tail ? tail.split(':') : []
  const zeros =
    tail === undefined ? [] : Array(Math.max(0, 8 - headParts.length - tailParts.length)).fill('0')
  const groups = [...headParts, ...zeros, ...tailParts]
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return address
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`
}

/** What a log line may repeat of a client-supplied text: no control characters, bounded length. */
function forLog(text: string): string {
  const clean = text.replace(CONTROL_CHARS, '')
  return clean.length > MAX_LOGGED_USER_CHARS ? `${clean.slice(0, MAX_LOGGED_USER_CHARS)}…` : clean
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest()
/** Constant-time for equal-length digests, so neither the length nor the content of a secret leaks. */
const sameText = (a: Buffer, b: string) => timingSafeEqual(a, digest(b))

function parseCredentials(header: string): { user: string; password: string } | undefined {
  const match = CREDENTIALS.exec(header)
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

const lockoutMs = (count: number) =>
  Math.min(LOCKOUT_MAX_MS, LOCKOUT_BASE_MS * 2 ** Math.min(count - FREE_FAILED_ATTEMPTS, 40))
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000))

/**
 * DASHBOARD_AUTH: HTTP Basic auth on every request but /healthz (load balancers probe it without
 * credentials). One guard = one failure table: build it once per server and reuse it.
 *
 * Failed attempts are logged (user name as sent, never the password) and slowed per client address:
 * the first FREE_FAILED_ATTEMPTS failures are answered 401 at once; from the last of them on, each
 * failure locks the address out for LOCKOUT_BASE_MS, doubling, up to LOCKOUT_MAX_MS. While locked out,
 * a request that carries credentials gets 429 with Retry-After and its password is not checked, so
 * guessing goes no faster than the lockouts allow. A request without credentials still gets the plain
 * 401 challenge: it cannot guess anything, and it is not counted. A success forgets the address.
 */
export function basicAuthGuard(
  user: string,
  password: string,
  options: BasicAuthGuardOptions = {},
): BasicAuthGuard {
  const logger = options.logger ?? consoleLogger
  const clock = options.clock ?? { now: () => Date.now() }
  const addressOf = options.addressOf ?? socketAddress
  const userDigest = digest(user)
  const passwordDigest = digest(password)
  // Insertion order = order of last failure (an entry is re-inserted on each failure), so expired and
  // oldest entries are always at the front.
  const failures = new Map<string, Failures>()

  const expired = (entry: Failures, now: number) =>
    now - entry.lastFailureAt >= FAILURE_MEMORY_MS && now >= entry.lockedUntil

  function current(key: string, now: number): Failures | undefined {
    const entry = failures.get(key)
    if (entry && expired(entry, now)) {
      failures.delete(key)
      return undefined
    }
    return entry
  }

  function recordFailure(key: string, now: number): Failures {
    const entry = current(key, now) ?? { count: 0, lastFailureAt: now, lockedUntil: 0 }
    entry.count += 1
    entry.lastFailureAt = now
    if (entry.count >= FREE_FAILED_ATTEMPTS) entry.lockedUntil = now + lockoutMs(entry.count)
    failures.delete(key)
    for (const [oldKey, old] of failures) {
      if (failures.size < MAX_TRACKED_ADDRESSES && !expired(old, now)) break
      failures.delete(oldKey)
    }
    failures.set(key, entry)
    return entry
  }

  const challenge = (message: string, headers: Record<string, string> = {}) =>
    json(401, { error: message }, { 'www-authenticate': `Basic realm="${REALM}"`, ...headers })

  const guard: MiddlewareHandler = async (c, next) => {
    if (c.req.path === '/healthz') return next()
    const header = c.req.header('authorization')
    if (header === undefined) return challenge(SIGN_IN_MESSAGE)

    const now = clock.now()
    const address = addressOf(c)
    const key = addressKey(address)
    const entry = current(key, now)
    if (entry && now < entry.lockedUntil) {
      const wait = seconds(entry.lockedUntil - now)
      return json(
        429,
        {
          error: `Too many failed sign-ins from your address. Wait ${wait} s, then sign in with the user and password set in DASHBOARD_AUTH.`,
        },
        { 'retry-after': String(wait) },
      )
    }

    const sent = parseCredentials(header)
    // Both comparisons always run: the answer's timing does not tell which part was wrong.
    const userOk = sameText(userDigest, sent?.user ?? '')
    const passwordOk = sameText(passwordDigest, sent?.password ?? '')
    if (sent && userOk && passwordOk) {
      failures.delete(key)
      return next()
    }

    const failed = recordFailure(key, now)
    const who = sent ? `user ${JSON.stringify(forLog(sent.user))}` : 'an unreadable Authorization header'
    const line = `basic auth: failed sign-in with ${who} from ${forLog(address)} (failure ${failed.count} from this address)`
    if (failed.lockedUntil > now) {
      const wait = seconds(failed.lockedUntil - now)
      logger.error(`${line}; locked out for ${wait} s`)
      return challenge(
        `Wrong user or password. Too many failed sign-ins from your address: wait ${wait} s before trying again.`,
        { 'retry-after': String(wait) },
      )
    }
    logger.info(line)
    return challenge(SIGN_IN_MESSAGE)
  }
  return Object.defineProperty(guard, 'trackedAddresses', { get: () => failures.size }) as BasicAuthGuard
}
