// @vitest-environment node
// CONTRACT.md "Protection and served pages": requests (`/healthz` aside) whose Host is not a loopback
// name, HOST, or in DASHBOARD_ALLOWED_HOSTS get 421: a DNS-rebinding page reaches the server under
// its own name. node:http sends the Host header the test chooses; the connection is to 127.0.0.1.
import { afterEach, describe, expect, it } from 'vitest'
import { cleanupProcesses, INDEX_MARKER, serverUrl, workDir } from './testing/process'
import { decodedBody, rawRequest } from './testing/raw-http'

afterEach(cleanupProcesses)

async function statusWithHost(url: string, path: string, host: string) {
  const res = await rawRequest(`${url}${path}`, { headers: { host } })
  return { status: res.status, text: decodedBody(res).toString() }
}

describe('npm start answers only to its own host names', { timeout: 30_000 }, () => {
  it('a foreign Host gets 421 on pages and /api; /healthz answers anyway; loopback names pass', async () => {
    const { url, port } = await serverUrl(workDir(), { DASHBOARD_SKIP_DOTENV: '1' })

    for (const host of ['evil.example', `evil.example:${port}`]) {
      for (const path of ['/', '/api/config', '/some/deep/link']) {
        const r = await statusWithHost(url, path, host)
        expect(r.status, `Host: ${host} ${path}`).toBe(421)
        expect(r.text, `Host: ${host} ${path}`).not.toContain(INDEX_MARKER)
      }
      expect((await statusWithHost(url, '/healthz', host)).status, `Host: ${host} /healthz`).toBe(200)
    }

    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, 'localhost', `[::1]:${port}`]) {
      const page = await statusWithHost(url, '/', host)
      expect(page.status, `Host: ${host} /`).toBe(200)
      expect(page.text, `Host: ${host} /`).toContain(INDEX_MARKER)
      expect((await statusWithHost(url, '/api/config', host)).status, `Host: ${host} /api/config`).toBe(200)
    }
  })

  it('DASHBOARD_ALLOWED_HOSTS adds names (with or without a port); others still get 421', async () => {
    const { url, port } = await serverUrl(workDir(), {
      DASHBOARD_SKIP_DOTENV: '1',
      DASHBOARD_ALLOWED_HOSTS: 'dash.example.com,other.example',
    })
    for (const host of ['dash.example.com', `dash.example.com:${port}`, 'other.example']) {
      for (const path of ['/', '/api/config']) {
        expect((await statusWithHost(url, path, host)).status, `Host: ${host} ${path}`).toBe(200)
      }
    }
    for (const host of ['evil.example', 'dash.example.com.evil.example', 'example.com']) {
      expect((await statusWithHost(url, '/', host)).status, `Host: ${host} /`).toBe(421)
      expect((await statusWithHost(url, '/api/config', host)).status, `Host: ${host} /api/config`).toBe(421)
    }
    expect((await statusWithHost(url, '/', `127.0.0.1:${port}`)).status, 'loopback still passes').toBe(200)
  })
})
