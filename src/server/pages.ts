// The built page (dist/) for `npm start`: hashed assets cached for a year, the page itself always
// revalidated, brotli/gzip files written by the build sent as they are, and a 404 (never the page)
// for a file that does not exist.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'

const IMMUTABLE = 'public, max-age=31536000, immutable'
const REVALIDATE = 'no-cache'

const notFound = () =>
  new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/** Looks like a file: under /assets/, or its last segment has an extension. */
const isFilePath = (path: string) => path.startsWith('/assets/') || /\.[a-z0-9]{1,10}$/i.test(path)

export function servePages(app: Hono, distDir: string): void {
  const indexHtml = readFileSync(join(distDir, 'index.html'), 'utf8')

  app.use('*', async (c, next) => {
    // Source maps stay on the build machine even when a build left some in dist/.
    if (c.req.path.endsWith('.map')) return notFound()
    await next()
    if (c.res.status !== 200) return
    if (c.req.path.startsWith('/assets/')) c.res.headers.set('cache-control', IMMUTABLE)
    else if (c.res.headers.get('content-type')?.startsWith('text/html'))
      c.res.headers.set('cache-control', REVALIDATE)
  })
  app.use('*', serveStatic({ root: distDir, precompressed: true }))
  // Client-side routes and bookmarked URLs get the page; a missing file does not.
  app.get('*', (c) => (isFilePath(c.req.path) ? notFound() : c.html(indexHtml)))
}
