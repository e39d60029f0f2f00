// @vitest-environment node
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { type LeaderElection, startLeaderElection } from './leader'
import type { SharedRedis } from './redis-connection'
import { redisPerFile, sleep } from './test-redis'

const { connect } = redisPerFile()
const elections: LeaderElection[] = []
afterEach(async () => {
  await Promise.all(elections.splice(0).map((e) => e.close()))
})

const LEASE_MS = 600
const RENEW_MS = 150

/** Contenders that record every change, and check that two never lead at once. */
async function contenders(n: number, prefix: string) {
  const leading = new Set<number>()
  const log: { at: number; who: number; event: 'elected' | 'lost' }[] = []
  let overlaps = 0
  const redis: SharedRedis[] = []
  for (let who = 0; who < n; who++) {
    const connection = await connect()
    redis.push(connection)
    elections.push(
      startLeaderElection({
        redis: connection,
        prefix,
        leaseMs: LEASE_MS,
        renewEveryMs: RENEW_MS,
        onElected() {
          if (leading.size > 0) overlaps++
          leading.add(who)
          log.push({ at: Date.now(), who, event: 'elected' })
        },
        onLost() {
          leading.delete(who)
          log.push({ at: Date.now(), who, event: 'lost' })
        },
      }),
    )
  }
  const started = elections.slice(-n)
  return { leading, log, redis, elections: started, overlaps: () => overlaps }
}

describe('leader election', () => {
  it('elects exactly one of three, which keeps leading', async () => {
    const c = await contenders(3, `acct-${randomUUID()}`)
    await sleep(100)
    expect(c.leading.size).toBe(1)
    expect(c.elections.filter((e) => e.isLeader)).toHaveLength(1)
    await sleep(3 * LEASE_MS)
    expect(c.log).toHaveLength(1) // no changes: renewals hold it
    expect(c.elections.map((e) => e.state).sort()).toEqual(['follower', 'follower', 'leader'])
  })

  it("another takes over within lease + renew period after the leader's client dies without releasing", async () => {
    const c = await contenders(3, `acct-${randomUUID()}`)
    await sleep(100)
    const [first] = [...c.leading]
    if (first === undefined) throw new Error('no leader')
    const killedAt = Date.now()
    c.redis[first]?.client.disconnect() // no release: its lease must run out
    const deadline = killedAt + LEASE_MS + RENEW_MS + 200
    while (Date.now() < deadline && !c.log.some((e) => e.event === 'elected' && e.who !== first))
      await sleep(20)
    const takeover = c.log.find((e) => e.event === 'elected' && e.who !== first)
    expect(takeover).toBeDefined()
    expect((takeover?.at ?? 0) - killedAt).toBeLessThan(LEASE_MS + RENEW_MS + 100)
    // The cut-off leader stepped down on its own, before the lease could have passed to another.
    const stepped = c.log.find((e) => e.event === 'lost' && e.who === first)
    expect(stepped).toBeDefined()
    expect(stepped?.at ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(takeover?.at ?? 0)
    expect(c.overlaps()).toBe(0)
    expect(c.elections.filter((e) => e.isLeader)).toHaveLength(1)
  })

  it('a leader that closes gives the lease up at once, and gets onLost', async () => {
    const c = await contenders(2, `acct-${randomUUID()}`)
    await sleep(100)
    const leader = c.elections.find((e) => e.isLeader)
    if (!leader) throw new Error('no leader')
    const closedAt = Date.now()
    await leader.close()
    expect(leader.isLeader).toBe(false)
    await sleep(RENEW_MS + 100)
    const takeover = c.log.find((e) => e.event === 'elected' && e.at >= closedAt)
    expect((takeover?.at ?? Number.POSITIVE_INFINITY) - closedAt).toBeLessThan(RENEW_MS + 100)
    expect(c.log.filter((e) => e.event === 'lost')).toHaveLength(1)
    expect(c.overlaps()).toBe(0)
  })
})
