// Loopback stand-ins for a SmartAssist that misbehaves at the HTTP level: one that streams an
// enormous (valid-looking) call-details answer, and one that takes requests and never answers.
import { once } from 'node:events'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type StreamedRequest = {
  method: string
  url: string
  /** body bytes written to the connection so far (what the kernel took, not what the client read) */
  bytesSent: number
  /** the whole body was written */
  completed: boolean
  /** the client went away before the whole body was written */
  disconnected: boolean
}

export type StreamingFake = {
  /** origin, e.g. http://127.0.0.1:43121 (use as SMARTASSIST_HOST) */
  url: string
  requests: StreamedRequest[]
  close(): Promise<void>
}

const MB = 1024 * 1024

/** ~64 KB of call-details records, each followed by a comma. */
function recordsChunk(): Buffer {
  const parts: string[] = []
  let size = 0
  for (let i = 0; size < 64 * 1024; i++) {
    const record = JSON.stringify({
      sessionId: `6751a3f0c2e1b40012${String(i).padStart(6, '0')}`,
      conversationId: `c-${i.toString(36).padStart(8, '0')}`,
      channel: i % 3 === 0 ? 'voice' : 'chat',
      sessionStartTime: '2024-11-18T10:15:00.000Z',
      sessionEndTime: '2024-11-18T10:21:42.000Z',
      queueName: 'Billing',
      agentName: 'Agent Smith',
      disposition: 'Resolved',
      customerinfo: { name: 'Customer', phone: '+15550000000', email: 'customer@example.com' },
      userleveltags: ['vip', 'returning'],
      sessionleveltags: ['billing', 'refund'],
      skills: ['english', 'billing'],
      transcript: 'Hello, I would like to ask about my last invoice. '.repeat(4),
    })
    parts.push(`${record},`)
    size += record.length + 1
  }
  return Buffer.from(parts.join(''))
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

function closer(server: Server) {
  return () =>
    new Promise<void>((resolveClose) => {
      server.closeAllConnections()
      server.close(() => resolveClose())
    })
}

/** Resolves on 'drain' or 'close', whichever comes first, leaving no listener behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolveWait) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolveWait()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

function drainRequest(req: IncomingMessage): Promise<void> {
  req.resume()
  return req.complete ? Promise.resolve() : once(req, 'end').then(() => undefined)
}

/**
 * Answers every request 200 with `{"numResults":…,"data":[{…},{…},…]}` of `totalBytes` (default
 * 300 MB), written in 64 KB chunks as fast as the client reads them (it waits for 'drain'), and
 * stops writing as soon as the client disconnects. With `declareLength` the answer has a
 * Content-Length; otherwise it is chunked, and only counting tells its size.
 */
export async function startOversizedSmartAssist(
  options: { totalBytes?: number; declareLength?: boolean } = {},
): Promise<StreamingFake> {
  const chunk = recordsChunk()
  const chunks = Math.ceil((options.totalBytes ?? 300 * MB) / chunk.length)
  const head = Buffer.from(`{"numResults":${chunks * 200},"data":[`)
  const tail = Buffer.from('{"sessionId":"last"}]}')
  const length = head.length + chunks * chunk.length + tail.length
  const requests: StreamedRequest[] = []

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const rec = recordRequest(req, requests)
    let gone = false
    res.on('close', () => {
      gone = true
      if (!rec.completed) rec.disconnected = true
    })
    await drainRequest(req)
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(options.declareLength ? { 'content-length': String(length) } : {}),
    })
    const write = async (bytes: Buffer) => {
      if (gone) return
      rec.bytesSent += bytes.length
      if (!res.write(bytes) && !gone) await drainedOrClosed(res)
    }
    await write(head)
    for (let i = 0; i < chunks && !gone; i++) await write(chunk)
    if (gone) return
    rec.bytesSent += tail.length
    res.end(tail, () => {
      rec.completed = true
    })
  })
  const url = await listen(server)
  return { url, requests, close: closer(server) }
}

/** A request as the fake saw it, added to `requests`. */
function recordRequest(req: IncomingMessage, requests: StreamedRequest[]): StreamedRequest {
  const rec = {
    method: req.method ?? '',
    url: req.url ?? '',
    bytesSent: 0,
    completed: false,
    disconnected: false,
  }
  requests.push(rec)
  return rec
}

/** Takes every request (reads its body) and never answers; `close` cuts the connections. */
export async function startSilentSmartAssist(): Promise<StreamingFake & { received: Promise<void> }> {
  const requests: StreamedRequest[] = []
  let markReceived: () => void = () => {}
  const received = new Promise<void>((resolveReceived) => {
    markReceived = resolveReceived
  })
  const server = createServer(async (req, res) => {
    const rec = recordRequest(req, requests)
    res.on('close', () => {
      rec.disconnected = true
    })
    await drainRequest(req)
    markReceived()
  })
  const url = await listen(server)
  return { url, requests, received, close: closer(server) }
}
