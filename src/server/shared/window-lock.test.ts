// @vitest-environment node
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { redisPerFile, sleep } from './test-redis'
import { createWindowLocks, type Released } from './window-lock'

const { connect } = redisPerFile()

describe('window locks', () => {
  it('has one holder; the others get held until it unlocks', async () => {
    const prefix = `acct-${randomUUID()}`
    const a = createWindowLocks({ redis: await connect(), prefix })
    const b = createWindowLocks({ redis: await connect(), prefix })
    const results = await Promise.all([a, b, a, b].map((locks) => locks.tryLock('w1', 5_000)))
    const holders = results.filter((r) => r.ok)
    expect(holders).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual(Array(3).fill({ ok: false, reason: 'held' }))
    const held = holders[0]
    if (!held?.ok) throw new Error('no holder')

    expect((await b.tryLock('w1')).ok).toBe(false)
    expect(await held.lock.renew()).toBe('renewed')
    expect(await held.lock.unlock()).toBe('unlocked')
    expect(await held.lock.unlock()).toBe('lost')
    expect((await b.tryLock('w1')).ok).toBe(true)
  })

  it('frees an expired lease; the old holder can then neither renew nor remove the new one', async () => {
    const prefix = `acct-${randomUUID()}`
    const a = createWindowLocks({ redis: await connect(), prefix })
    const b = createWindowLocks({ redis: await connect(), prefix })
    const first = await a.tryLock('w', 200)
    if (!first.ok) throw new Error('expected the lock')
    expect((await b.tryLock('w', 200)).ok).toBe(false)
    await sleep(250)
    const second = await b.tryLock('w', 5_000)
    expect(second.ok).toBe(true)
    expect(await first.lock.renew()).toBe('lost')
    expect(await first.lock.unlock()).toBe('lost')
    expect((await a.tryLock('w')).ok).toBe(false)
  })

  it('withWindowLock: fetched once while others wait; the lease is renewed through a long fetch', async () => {
    const prefix = `acct-${randomUUID()}`
    const instances = [
      createWindowLocks({ redis: await connect(), prefix, leaseMs: 300, pollMs: 50 }),
      createWindowLocks({ redis: await connect(), prefix, leaseMs: 300, pollMs: 50 }),
      createWindowLocks({ redis: await connect(), prefix, leaseMs: 300, pollMs: 50 }),
    ]
    let fetches = 0
    let fetchEnded = 0
    const waits: { released: Released; at: number }[] = []
    const outcomes = await Promise.all(
      instances.map((locks) =>
        locks.withWindowLock(
          '2024-11-18T00:00Z/2024-11-19T00:00Z',
          async () => {
            fetches++
            await sleep(1_000) // over 3 leases
            fetchEnded = Date.now()
            return 'fetched'
          },
          async (released) => {
            waits.push({ released: await released, at: Date.now() })
            return 'waited'
          },
        ),
      ),
    )
    expect(fetches).toBe(1)
    expect(outcomes.sort()).toEqual(['fetched', 'waited', 'waited'])
    for (const wait of waits) {
      expect(wait.released).toBe('released')
      expect(wait.at).toBeGreaterThanOrEqual(fetchEnded)
      expect(wait.at - fetchEnded).toBeLessThan(200)
    }
  })

  it("withWindowLock: a crashed holder's lease expires and the waiter goes on; an abort ends the wait", async () => {
    const prefix = `acct-${randomUUID()}`
    const crashing = await connect()
    const a = createWindowLocks({ redis: crashing, prefix, leaseMs: 400, pollMs: 50 })
    const b = createWindowLocks({ redis: await connect(), prefix, leaseMs: 400, pollMs: 50 })
    const start = Date.now()
    const holder = a.withWindowLock(
      'w',
      async () => {
        crashing.client.disconnect() // the process dies mid-fetch: no renewals, no unlock
        await sleep(1_000)
      },
      async () => {},
    )
    await sleep(20)
    let waitedUntil = 0
    await b.withWindowLock(
      'w',
      async () => {
        throw new Error('not the holder')
      },
      async (released) => {
        expect(await released).toBe('released')
        waitedUntil = Date.now()
      },
    )
    expect(waitedUntil - start).toBeGreaterThanOrEqual(380)
    expect(waitedUntil - start).toBeLessThan(700)
    await holder

    const c = createWindowLocks({ redis: await connect(), prefix, pollMs: 50 })
    const held = await c.tryLock('x', 5_000)
    expect(held.ok).toBe(true)
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const ended = await b.withWindowLock(
      'x',
      async () => 'fetched',
      async (released) => released,
      { signal: controller.signal },
    )
    expect(ended).toBe('aborted')
  })
})
