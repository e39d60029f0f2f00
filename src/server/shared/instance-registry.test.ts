// @vitest-environment node
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { startInstanceRegistry } from './instance-registry'
import { redisPerFile, sleep } from './test-redis'

const { connect } = redisPerFile()

describe('instance registry', () => {
  it('counts the live instances; one that closes leaves at once, one killed after the ttl', async () => {
    const prefix = `acct-${randomUUID()}`
    const options = { prefix, heartbeatMs: 100, ttlMs: 400 }
    const killed = await connect()
    const a = startInstanceRegistry({ ...options, redis: await connect() })
    const b = startInstanceRegistry({ ...options, redis: await connect() })
    const c = startInstanceRegistry({ ...options, redis: killed })
    await sleep(150)
    expect(await a.liveCount()).toEqual({ ok: true, count: 3 })
    expect(b.lastSeenCount).toBe(3)
    expect(b.shareOf(60)).toBe(20)
    expect(b.shareOf(2)).toBe(1)

    await b.close()
    expect(await a.liveCount()).toEqual({ ok: true, count: 2 })

    killed.client.disconnect() // no goodbye: it drops out when its beats stop
    await sleep(150)
    expect(await a.liveCount()).toEqual({ ok: true, count: 2 })
    await sleep(400)
    expect(await a.liveCount()).toEqual({ ok: true, count: 1 })
    expect(a.shareOf(60)).toBe(60)
    await c.close()
    await a.close()
  })

  it('keeps instances of two prefixes apart', async () => {
    const redis = await connect()
    const a = startInstanceRegistry({ redis, prefix: `acct-${randomUUID()}`, heartbeatMs: 100 })
    const b = startInstanceRegistry({ redis, prefix: `acct-${randomUUID()}`, heartbeatMs: 100 })
    await sleep(50)
    expect(await a.liveCount()).toEqual({ ok: true, count: 1 })
    expect(await b.liveCount()).toEqual({ ok: true, count: 1 })
    await Promise.all([a.close(), b.close()])
  })
})
