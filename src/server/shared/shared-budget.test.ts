// @vitest-environment node
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSharedBudget, type SharedBudget, type SlotAttempt } from './shared-budget'
import { redisPerFile, sleep } from './test-redis'

const { connect } = redisPerFile()

function granted(attempt: SlotAttempt): string {
  if (!attempt.ok) throw new Error(`expected a grant, got ${JSON.stringify(attempt)}`)
  return attempt.id
}

describe('shared budget', () => {
  it('two instances together never hold more than perMinute places in any window', async () => {
    const prefix = `acct-${randomUUID()}`
    const windowMs = 600
    const options = { prefix, perMinute: 5, windowMs, leaseMs: 5_000 }
    const budgets = [
      createSharedBudget({ ...options, redis: await connect() }),
      createSharedBudget({ ...options, redis: await connect() }),
    ]
    // Local times recorded outside Redis's: a grant is seen after Redis made it, a finish before
    // Redis hears of it, so every local interval lies inside the one Redis held.
    const held: { grantedAt: number; finishedAt: number }[] = []
    const until = Date.now() + 2_600
    async function worker(budget: SharedBudget): Promise<void> {
      while (Date.now() < until) {
        const attempt = await budget.tryAcquire()
        if (!attempt.ok) {
          expect(attempt.reason).toBe('full')
          await sleep(Math.min('retryInMs' in attempt ? attempt.retryInMs : 50, 50))
          continue
        }
        const grantedAt = Date.now()
        await sleep(Math.random() * 80)
        const finishedAt = Date.now()
        held.push({ grantedAt, finishedAt })
        expect(await budget.release(attempt.id)).toEqual({ ok: true })
      }
    }
    await Promise.all(budgets.flatMap((b) => [worker(b), worker(b), worker(b)]))

    // At every grant, at most 5 places held (from grant until a window after finishing)…
    for (const { grantedAt } of held) {
      const overlapping = held.filter((h) => h.grantedAt <= grantedAt && grantedAt < h.finishedAt + windowMs)
      expect(overlapping.length).toBeLessThanOrEqual(5)
    }
    // …so at most 5 requests start in any window (a little slack for the local timestamps)…
    const starts = held.map((h) => h.grantedAt).sort((a, b) => a - b)
    for (let i = 0; i + 5 < starts.length; i++) {
      expect((starts[i + 5] as number) - (starts[i] as number)).toBeGreaterThanOrEqual(windowMs - 15)
    }
    // …and the budget is used: about 5 per (window + request time) over 2.6 s.
    expect(held.length).toBeGreaterThanOrEqual(12)
  })

  it('holds a released place until a window after its release', async () => {
    const budget = createSharedBudget({
      redis: await connect(),
      prefix: `acct-${randomUUID()}`,
      perMinute: 2,
      windowMs: 500,
      leaseMs: 5_000,
    })
    const ids = [granted(await budget.tryAcquire()), granted(await budget.tryAcquire())]
    await sleep(300)
    for (const id of ids) await budget.release(id)
    const full = await budget.tryAcquire()
    expect(full).toMatchObject({ ok: false, reason: 'full' })
    // The place frees a window after the release, not after the grant.
    expect((full as { retryInMs: number }).retryInMs).toBeGreaterThan(450)
    expect((full as { retryInMs: number }).retryInMs).toBeLessThanOrEqual(500)
    await sleep(250)
    expect((await budget.tryAcquire()).ok).toBe(false)
    await sleep(300)
    granted(await budget.tryAcquire())
  })

  it('holds a place in flight past the window, and says when one could free at the earliest', async () => {
    const budget = createSharedBudget({
      redis: await connect(),
      prefix: `acct-${randomUUID()}`,
      perMinute: 1,
      windowMs: 300,
      leaseMs: 5_000,
    })
    granted(await budget.tryAcquire())
    const full = await budget.tryAcquire()
    // Still in flight: it frees no sooner than a window after it finishes, were that now.
    expect(full).toMatchObject({ ok: false, reason: 'full' })
    expect((full as { retryInMs: number }).retryInMs).toBeGreaterThan(250)
    await sleep(500)
    expect(await budget.tryAcquire()).toMatchObject({ ok: false, reason: 'full' })
  })

  it("frees a crashed instance's places in flight when their lease ends", async () => {
    const prefix = `acct-${randomUUID()}`
    const options = { prefix, perMinute: 3, windowMs: 300, leaseMs: 700 }
    const crashing = await connect()
    const a = createSharedBudget({ ...options, redis: crashing })
    const b = createSharedBudget({ ...options, redis: await connect() })
    for (let i = 0; i < 3; i++) granted(await a.tryAcquire())
    crashing.client.disconnect() // gone without releasing anything
    const full = await b.tryAcquire()
    expect(full).toMatchObject({ ok: false, reason: 'full' })
    // min(lease end, a window from now): the earliest one could free.
    expect((full as { retryInMs: number }).retryInMs).toBeLessThanOrEqual(300)
    await sleep(400)
    expect((await b.tryAcquire()).ok).toBe(false)
    await sleep(350)
    for (let i = 0; i < 3; i++) granted(await b.tryAcquire())
    expect((await b.tryAcquire()).ok).toBe(false)
  })

  it('a pause set by one instance holds for all, only lengthens, and is capped', async () => {
    const prefix = `acct-${randomUUID()}`
    const options = { prefix, perMinute: 5, windowMs: 1_000, maxPauseMs: 1_500 }
    const a = createSharedBudget({ ...options, redis: await connect() })
    const b = createSharedBudget({ ...options, redis: await connect() })
    const start = Date.now()
    const set = await a.pause(start + 600)
    expect(set).toMatchObject({ ok: true, capped: false })
    const paused = await b.tryAcquire()
    expect(paused).toMatchObject({ ok: false, reason: 'paused' })
    expect((paused as { retryInMs: number }).retryInMs).toBeGreaterThan(500)
    expect((paused as { retryInMs: number }).retryInMs).toBeLessThanOrEqual(600)
    const until = await b.pausedUntil()
    expect(until.ok && Math.abs(until.pausedUntil - (start + 600))).toBeLessThan(50)

    // A shorter pause does not shorten it; a longer one beyond the cap is capped.
    const shorter = await b.pause(Date.now() + 100)
    expect(shorter.ok && shorter.pausedUntil).toBeGreaterThan(start + 500)
    const capped = await b.pause(Date.now() + 10 * 60_000)
    expect(capped).toMatchObject({ ok: true, capped: true })
    expect(capped.ok && capped.pausedUntil - Date.now()).toBeLessThanOrEqual(1_500)
    const later = await a.pausedUntil()
    expect(later.ok && later.pausedUntil).toBeGreaterThan(Date.now() + 1_300)
  })

  it('pauses end by themselves, and two prefixes (accounts) never share a budget or a pause', async () => {
    const redis = await connect()
    const one = createSharedBudget({ redis, prefix: `acct-${randomUUID()}`, perMinute: 1, windowMs: 1_000 })
    const two = createSharedBudget({ redis, prefix: `acct-${randomUUID()}`, perMinute: 1, windowMs: 1_000 })
    granted(await one.tryAcquire())
    expect((await one.tryAcquire()).ok).toBe(false)
    granted(await two.tryAcquire())

    const three = createSharedBudget({ redis, prefix: `acct-${randomUUID()}`, perMinute: 1 })
    const four = createSharedBudget({ redis, prefix: `acct-${randomUUID()}`, perMinute: 1 })
    await three.pause(Date.now() + 200)
    expect(await three.tryAcquire()).toMatchObject({ ok: false, reason: 'paused' })
    granted(await four.tryAcquire())
    expect(await four.pausedUntil()).toEqual({ ok: true, pausedUntil: 0 })
    await sleep(250)
    granted(await three.tryAcquire())
  })
})
