// @vitest-environment node
// CONTRACT.md "Protection and served pages", on real responses of `npm start` (demo mode) serving a
// dist/ with index.html, a hashed JS asset and its source map: security headers, caching,
// compression and 404s. Requests go through node:http, so the bytes are seen as sent.
import { afterEach, describe, expect, it } from 'vitest'
import { ASSET_MARKER, ASSET_PATH, distAssets, LARGE_INDEX_HTML } from './testing/dist-fixture'
import { cleanupProcesses, INDEX_MARKER, serverUrl, workDir } from './testing/process'
import { decodedBody, header, type RawResponse, rawRequest } from './testing/raw-http'

afterEach(cleanupProcesses)

const PAGE_PATHS = ['/', '/x/y?from=2024-11-18'] as const
const DEEP_LINK = '/x/y?from=2024-11-18'

async function dashboard() {
  const dir = workDir({ indexHtml: LARGE_INDEX_HTML, files: distAssets() })
  return serverUrl(dir, { DASHBOARD_SKIP_DOTENV: '1' })
}

/** `Content-Security-Policy` as directive → sources (names and keywords lower-cased). */
function csp(res: RawResponse): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of header(res, 'content-security-policy').split(';')) {
    const [name, ...sources] = part.trim().toLowerCase().split(/\s+/)
    if (name) directives.set(name, sources)
  }
  return directives
}

function cacheControl(res: RawResponse): string[] {
  return header(res, 'cache-control')
    .split(',')
    .map((d) => d.trim().toLowerCase())
    .filter(Boolean)
}

const CALL_DETAILS_BODY = JSON.stringify({
  startDate: '2024-11-18T00:00:00.000Z',
  endDate: '2024-11-19T00:00:00.000Z',
  timeZoneOffset: 0,
})

describe('npm start: headers of served pages', { timeout: 30_000 }, () => {
  it('/, a deep link, an asset and /api/config carry CSP, nosniff, no-referrer and frame-ancestors none', async () => {
    const { url } = await dashboard()
    for (const path of [...PAGE_PATHS, ASSET_PATH, '/api/config']) {
      const res = await rawRequest(`${url}${path}`)
      expect(res.status, path).toBe(200)
      const policy = csp(res)
      expect(policy.size, `${path} has a Content-Security-Policy`).toBeGreaterThan(0)
      expect(policy.get('default-src'), `${path} default-src`).toContain("'self'")
      expect(policy.get('frame-ancestors'), `${path} frame-ancestors`).toEqual(["'none'"])
      // What governs scripts: script-src (and its -elem/-attr refinements), else default-src.
      const scriptDirectives = ['script-src', 'script-src-elem', 'script-src-attr'].filter((d) =>
        policy.has(d),
      )
      for (const directive of scriptDirectives.length ? scriptDirectives : ['default-src']) {
        const sources = policy.get(directive) ?? []
        expect(sources, `${path} ${directive}`).not.toContain("'unsafe-inline'")
        expect(sources, `${path} ${directive}`).not.toContain("'unsafe-eval'")
      }
      expect(header(res, 'x-content-type-options'), path).toBe('nosniff')
      expect(header(res, 'referrer-policy'), path).toBe('no-referrer')
    }
  })

  it('index.html (also under a deep link) is no-cache; hashed assets are immutable for a year', async () => {
    const { url } = await dashboard()
    for (const path of PAGE_PATHS) {
      const res = await rawRequest(`${url}${path}`)
      expect(res.status, path).toBe(200)
      expect(decodedBody(res).toString(), path).toContain(INDEX_MARKER)
      expect(cacheControl(res), `${path} Cache-Control`).toContain('no-cache')
      expect(cacheControl(res), `${path} Cache-Control`).not.toContain('immutable')
    }
    const asset = await rawRequest(`${url}${ASSET_PATH}`)
    expect(asset.status).toBe(200)
    expect(header(asset, 'content-type')).toMatch(/javascript/)
    expect(decodedBody(asset).toString()).toContain(ASSET_MARKER)
    expect(cacheControl(asset)).toContain('max-age=31536000')
    expect(cacheControl(asset)).toContain('immutable')
  })
})

describe('npm start: compression', { timeout: 30_000 }, () => {
  it.each([
    ['gzip', ['gzip']],
    ['br, gzip', ['br', 'gzip']],
  ])(
    'Accept-Encoding: %s — page, JS asset and call details come compressed and decode to the same bytes',
    async (acceptEncoding, allowed) => {
      const { url } = await dashboard()
      const targets: { name: string; path: string; method?: string; body?: string }[] = [
        { name: 'page /', path: '/' },
        { name: 'page (deep link)', path: DEEP_LINK },
        { name: 'JS asset', path: ASSET_PATH },
        {
          name: 'call details JSON',
          path: '/api/calldetails?offset=0&limit=100',
          method: 'POST',
          body: CALL_DETAILS_BODY,
        },
      ]
      const sizes: string[] = []
      for (const { name, path, method, body } of targets) {
        const ask = (encoding: string) =>
          rawRequest(`${url}${path}`, {
            method,
            body,
            headers: { 'accept-encoding': encoding, ...(body ? { 'content-type': 'application/json' } : {}) },
          })
        const plain = await ask('identity')
        expect(plain.status, `${name} identity`).toBe(200)
        expect(header(plain, 'content-encoding') || 'identity', `${name} identity`).toBe('identity')

        const packed = await ask(acceptEncoding)
        expect(packed.status, name).toBe(200)
        expect(allowed, `${name} Content-Encoding`).toContain(header(packed, 'content-encoding'))
        expect(packed.raw.length, `${name} compressed size`).toBeLessThan(plain.raw.length)
        expect(decodedBody(packed).equals(plain.raw), `${name} decodes to the uncompressed bytes`).toBe(true)
        sizes.push(
          `${name}: ${plain.raw.length} B → ${packed.raw.length} B ${header(packed, 'content-encoding')}`,
        )
      }
      console.log(`Accept-Encoding: ${acceptEncoding}\n  ${sizes.join('\n  ')}`)
    },
  )
})

describe('npm start: a file that does not exist is a 404, not the page', { timeout: 30_000 }, () => {
  it('missing asset, robots.txt, favicon.ico and a source map on disk are 404; routes still get the page', async () => {
    const { url } = await dashboard()
    for (const path of ['/assets/missing-abc.js', '/robots.txt', '/favicon.ico', `${ASSET_PATH}.map`]) {
      const res = await rawRequest(`${url}${path}`)
      expect(res.status, path).toBe(404)
      const text = decodedBody(res).toString()
      expect(text, path).not.toContain(INDEX_MARKER)
      expect(text, `${path} source map content`).not.toContain('sourcesContent')
    }
    for (const path of ['/some/deep/link', '/']) {
      const res = await rawRequest(`${url}${path}`)
      expect(res.status, path).toBe(200)
      expect(header(res, 'content-type'), path).toMatch(/text\/html/)
      expect(decodedBody(res).toString(), path).toContain(INDEX_MARKER)
    }
  })
})
