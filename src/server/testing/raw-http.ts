// HTTP as it is on the wire, for process-level tests: node:http keeps the bytes as sent (fetch would
// decompress them silently) and lets a test choose the Host header.
import { type IncomingHttpHeaders, request } from 'node:http'
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'

export type RawResponse = {
  status: number
  headers: IncomingHttpHeaders
  /** the body bytes as they came over the connection (still compressed when Content-Encoding says so) */
  raw: Buffer
}

export type RawRequest = {
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** One request to `url` (http://127.0.0.1:port/path?query) on a fresh connection. */
export function rawRequest(url: string, init: RawRequest = {}): Promise<RawResponse> {
  const target = new URL(url)
  return new Promise((resolveResponse, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: init.method ?? 'GET',
        headers: { connection: 'close', ...init.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolveResponse({ status: res.statusCode ?? 0, headers: res.headers, raw: Buffer.concat(chunks) }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

/** The body with its Content-Encoding undone. */
export function decodedBody(res: RawResponse): Buffer {
  const encoding = String(res.headers['content-encoding'] ?? 'identity').toLowerCase()
  if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(res.raw)
  if (encoding === 'br') return brotliDecompressSync(res.raw)
  if (encoding === 'deflate') return inflateSync(res.raw)
  if (encoding === 'identity') return res.raw
  throw new Error(`unexpected Content-Encoding: ${encoding}`)
}

export function header(res: RawResponse, name: string): string {
  const value = res.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : (value ?? '')
}
