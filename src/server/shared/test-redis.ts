// For the tests of this folder: one redis-server per test file, and connections to it closed after
// each test. Call at the top level of a test file.
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { type RedisServer, startRedis } from '../testing/redis-server'
import { connectRedis, type SharedRedis } from './redis-connection'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export function redisPerFile(): { server: () => RedisServer; connect: () => Promise<SharedRedis> } {
  let server: RedisServer | undefined
  const connections: SharedRedis[] = []
  beforeAll(async () => {
    server = await startRedis()
  })
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((c) => c.close()))
  })
  afterAll(async () => {
    await server?.stop()
  })
  const running = () => {
    if (!server) throw new Error('redis-server is not started yet (call inside a test)')
    return server
  }
  return {
    server: running,
    async connect() {
      const redis = connectRedis(running().url)
      connections.push(redis)
      expect(await redis.whenReady(2_000)).toBe(true)
      return redis
    },
  }
}
