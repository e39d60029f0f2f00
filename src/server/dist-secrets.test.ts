// @vitest-environment node
// The browser bundle is built on a machine that may have the live credentials in its environment
// (or .env): nothing of them may end up in dist/. Builds the real project with sentinel values set.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

const SENTINELS = {
  SMARTASSIST_HOST: 'http://127.0.0.1:9',
  SMARTASSIST_ACCOUNT_ID: 'acct-dist-sentinel',
  SMARTASSIST_IID: 'st-dist-sentinel',
  SMARTASSIST_CLIENT_ID: 'cs-dist-sentinel',
  SMARTASSIST_CLIENT_SECRET: 'dist-sentinel-client-secret-3e9a71',
  SMARTASSIST_JWT: 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImRpc3Qtc2VudGluZWwifQ.dist-sentinel-jwt-sig-c04d',
  DASHBOARD_AUTH: 'ops:dist-sentinel-dashboard-pass-6b2f',
}
const SECRETS = {
  'client secret': SENTINELS.SMARTASSIST_CLIENT_SECRET,
  JWT: SENTINELS.SMARTASSIST_JWT,
  'JWT signature': 'dist-sentinel-jwt-sig-c04d',
  'dashboard password': 'dist-sentinel-dashboard-pass-6b2f',
}

const saved = new Map<string, string | undefined>()
const outDirs: string[] = []

afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
  saved.clear()
  for (const dir of outDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

describe('the production build', () => {
  it('holds no credential from the build environment', { timeout: 60_000 }, async () => {
    for (const [name, value] of Object.entries(SENTINELS)) {
      saved.set(name, process.env[name])
      process.env[name] = value
    }
    const outDir = mkdtempSync(join(tmpdir(), 'dashboard-dist-'))
    outDirs.push(outDir)

    await build({
      root: REPO,
      configFile: join(REPO, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    })

    const files = filesUnder(outDir)
    expect(files.some((file) => file.endsWith('index.html'))).toBe(true)
    expect(files.some((file) => file.endsWith('.js'))).toBe(true)
    for (const file of files) {
      const text = readFileSync(file).toString('latin1')
      for (const [name, secret] of Object.entries(SECRETS)) {
        expect(text.includes(secret), `${name} in ${file.slice(outDir.length)}`).toBe(false)
      }
    }
  })
})
