import { afterEach } from 'vitest'
import { type AppDeps, createApp } from '../app'
import type { LiveConfig } from '../config'
import { createTokenProvider } from '../jwt'
import { createLiveUpstream } from '../upstream'
import { startFakeSmartAssist } from './http-fake-smartassist'

export type FakeSmartAssist = Awaited<ReturnType<typeof startFakeSmartAssist>>

/**
 * Loopback SmartAssists for the tests of one file: call in the file's top level; each one started is
 * closed after its test (unless the test closed it itself).
 */
export function fakeSmartAssistPerTest(): (
  reply?: Parameters<typeof startFakeSmartAssist>[0],
) => Promise<FakeSmartAssist> {
  const open = new Set<FakeSmartAssist>()
  afterEach(async () => {
    const closing = [...open].map((fake) => fake.close())
    open.clear()
    await Promise.all(closing)
  })
  return async (reply) => {
    const started = await startFakeSmartAssist(reply)
    const fake: FakeSmartAssist = {
      ...started,
      close: () => {
        open.delete(fake)
        return started.close()
      },
    }
    open.add(fake)
    return fake
  }
}

/** The real app and live upstream (system clock, real fetch, real token provider), log lines collected. */
export function createLiveApp(
  config: LiveConfig,
  deps: Partial<Omit<AppDeps, 'config' | 'upstream' | 'logger'>> = {},
) {
  const upstream = createLiveUpstream(config, { tokenProvider: createTokenProvider(config.credential) })
  const logs: string[] = []
  const logger = { info: (line: string) => logs.push(line), error: (line: string) => logs.push(line) }
  return { app: createApp({ config, upstream, logger, ...deps }), logs }
}
