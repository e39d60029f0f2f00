// A throwaway redis-server for tests (TOOLCHAIN.md): 127.0.0.1, a free port, no persistence, its own
// temp folder, stopped by pid. Tests can stop it (or freeze it) and bring it back on the same port to
// see what a client does while Redis is away.
//
// Nothing outlives the test run: stop() is registered with process.ts's onCleanup (cleanupProcesses
// runs it), a process 'exit' hook SIGKILLs whatever is still running, and each redis-server is
// started under a small shell watchdog that kills it when this process's end of its stdin pipe
// closes, so even a test worker that dies without running any hook leaves no redis-server behind.

import { type ChildProcess, spawn } from 'node:child_process'
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, onCleanup } from './process'

export const DEFAULT_REDIS_SERVER = '/usr/bin/redis-server'
/** Upper bound for a redis-server to answer PING after it was started. */
export const REDIS_START_TIMEOUT_MS = 10_000
/** stop(): SIGTERM, then SIGKILL after this long. */
export const REDIS_STOP_GRACE_MS = 2_000

export type RedisServer = {
  /** redis://127.0.0.1:<port> */
  readonly url: string
  readonly port: number
  /** the redis-server's own pid (changes on startAgain) */
  readonly pid: number
  /** Stops it: SIGTERM, SIGKILL after REDIS_STOP_GRACE_MS; resolves once it has exited. */
  stop(): Promise<void>
  /** Stops it at once (SIGKILL), as a crash would; resolves once it has exited. */
  kill(): Promise<void>
  /** Starts it again on the same port (after stop or kill), empty; resolves once it answers PING. */
  startAgain(): Promise<void>
  /** Freezes it (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void
  /** Lets a paused server go on (SIGCONT). */
  resume(): void
  isRunning(): boolean
  /** what it printed (its log goes to stdout) */
  output(): string
}

type Running = { child: ChildProcess; exited: Promise<void>; output: () => string }

const live = new Set<ChildProcess>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const child of live) killGroup(child, 'SIGKILL')
  })
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

function serverPath(): string {
  const path = process.env.REDIS_SERVER_PATH || DEFAULT_REDIS_SERVER
  try {
    accessSync(path, constants.X_OK)
  } catch {
    throw new Error(
      `redis-server not found at ${path}: install it with \`apt-get install -y redis-server\` ` +
        '(or set REDIS_SERVER_PATH to a redis-server binary)',
    )
  }
  return path
}

/**
 * `sh` reads its stdin (a pipe from this process) in the background and kills redis-server when it
 * closes; `exec` makes the child's pid redis-server's own. fd 3 carries the pipe into the
 * background job (whose fd 0 the shell points at /dev/null).
 */
const WATCHDOG = 'exec 3<&0; ( read _ <&3; kill -9 $$ 2>/dev/null ) & exec "$0" "$@" 3<&- </dev/null'

function launch(path: string, port: number, dir: string): Running {
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--protected-mode',
    'yes',
  ]
  const child = spawn('/bin/sh', ['-c', WATCHDOG, path, ...args], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true, // its own process group: stop() reaches the watchdog too
  })
  if (child.pid === undefined) throw new Error(`could not start ${path}`)
  live.add(child)
  let out = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stdin?.on('error', () => {}) // EPIPE once it is gone
  const exited = new Promise<void>((resolve) => {
    child.on('close', () => {
      live.delete(child)
      resolve()
    })
  })
  return { child, exited, output: () => out }
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null

/** Resolves when 127.0.0.1:port answers PING with PONG; rejects when it does not within `ms`. */
async function waitForPong(port: number, run: Running, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  for (;;) {
    if (!running(run.child)) {
      await run.exited
      throw new Error(`redis-server on port ${port} exited before answering PING:\n${run.output()}`)
    }
    if (await pong(port)) return
    if (Date.now() > deadline)
      throw new Error(`redis-server on port ${port} did not answer PING within ${ms} ms:\n${run.output()}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    let reply = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      reply += chunk
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'))
    })
  })
}

async function halt(run: Running, graceMs: number): Promise<void> {
  if (running(run.child)) {
    killGroup(run.child, 'SIGCONT') // a paused server cannot act on SIGTERM
    killGroup(run.child, graceMs > 0 ? 'SIGTERM' : 'SIGKILL')
    const timer = graceMs > 0 ? setTimeout(() => killGroup(run.child, 'SIGKILL'), graceMs) : undefined
    await run.exited
    clearTimeout(timer)
  }
  killGroup(run.child, 'SIGKILL') // the watchdog, if it is still there
  run.child.stdin?.destroy()
}

/**
 * Starts a redis-server on a free port of 127.0.0.1 (`port` to choose one) and resolves once it
 * answers PING. Throws, naming `apt-get install -y redis-server`, when there is no redis-server.
 */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
  const path = serverPath()
  installExitHook()
  const port = options.port ?? (await freePort())
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'))
  let run = launch(path, port, dir)
  let removed = false
  const cleanup = async () => {
    await halt(run, REDIS_STOP_GRACE_MS)
    if (!removed) rmSync(dir, { recursive: true, force: true })
    removed = true
  }
  onCleanup(cleanup)
  try {
    await waitForPong(port, run, REDIS_START_TIMEOUT_MS)
  } catch (e) {
    await cleanup()
    throw e
  }
  const server: RedisServer = {
    url: `redis://127.0.0.1:${port}`,
    port,
    get pid() {
      return run.child.pid as number
    },
    stop: () => halt(run, REDIS_STOP_GRACE_MS),
    kill: () => halt(run, 0),
    async startAgain() {
      if (running(run.child)) throw new Error(`redis-server on port ${port} is still running`)
      run = launch(path, port, dir)
      await waitForPong(port, run, REDIS_START_TIMEOUT_MS)
    },
    pause: () => killGroup(run.child, 'SIGSTOP'),
    resume: () => killGroup(run.child, 'SIGCONT'),
    isRunning: () => running(run.child),
    output: () => run.output(),
  }
  return server
}
