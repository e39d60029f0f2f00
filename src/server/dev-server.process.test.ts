// @vitest-environment node
// `npm run dev` keeps the rule `npm start` has: off loopback only with DASHBOARD_AUTH, and with it
// every page (not only /api) asks for it. Runs the real Vite CLI with the project's config.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  cleanupProcesses,
  freePort,
  PROCESS_TIMEOUT_MS,
  REPO,
  type Started,
  spawnTracked,
  within,
} from './testing/process'

afterEach(cleanupProcesses)

const VITE = join(REPO, 'node_modules/vite/bin/vite.js')
const LIVE = {
  SMARTASSIST_HOST: 'http://127.0.0.1:9',
  SMARTASSIST_ACCOUNT_ID: 'acct-dev',
  SMARTASSIST_IID: 'st-dev',
  SMARTASSIST_JWT: 'dev-jwt-sentinel',
}

function dev(args: string[], env: Record<string, string>): Started {
  return spawnTracked(process.execPath, [VITE, ...args], REPO, { DASHBOARD_SKIP_DOTENV: '1', ...env })
}

async function ready(s: Started, port: number): Promise<string> {
  const url = `http://127.0.0.1:${port}`
  const up = (async () => {
    for (let i = 0; i < 300; i++) {
      if (s.child.exitCode !== null) throw new Error(`vite exited:\n${s.output()}`)
      if (
        await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return url
      await new Promise((r) => setTimeout(r, 100))
    }
    throw new Error(`vite did not answer:\n${s.output()}`)
  })()
  return within(up, PROCESS_TIMEOUT_MS * 2, 'starting vite', s)
}

describe('npm run dev beyond loopback', () => {
  it('`--host 0.0.0.0` in live mode without DASHBOARD_AUTH stops before serving, naming it', async () => {
    const port = await freePort()
    const s = dev(['--host', '0.0.0.0', '--port', String(port), '--strictPort'], LIVE)
    const exit = await within(s.exited, PROCESS_TIMEOUT_MS * 2, 'vite refusing', s)
    expect(exit.code).not.toBe(0)
    expect(s.output()).toContain('DASHBOARD_AUTH')
    expect(s.output()).not.toContain('dev-jwt-sentinel')
  })

  it('with DASHBOARD_AUTH the page itself asks for it, as /api does', async () => {
    const port = await freePort()
    const s = dev(['--port', String(port), '--strictPort'], { ...LIVE, DASHBOARD_AUTH: 'ops:dev-pass-1' })
    const url = await ready(s, port)
    const good = { authorization: `Basic ${Buffer.from('ops:dev-pass-1').toString('base64')}` }
    for (const path of ['/', '/api/config']) {
      expect((await fetch(`${url}${path}`)).status, path).toBe(401)
      const signedIn = await fetch(`${url}${path}`, { headers: good })
      expect(signedIn.status, path).toBe(200)
      await signedIn.arrayBuffer()
    }
  }, 60_000)
})
