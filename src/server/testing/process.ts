// Process-level test harness for `npm start`: the real entry (src/server/start.ts, through tsx's
// loader) in its own process and working directory, configured by nothing but its environment.
// Everything listens on 127.0.0.1. Call `cleanupProcesses` in afterEach: it stops every process
// started here (by its own process group), runs the registered closers and removes the temp dirs.
import { type ChildProcess, spawn } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createConnection, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const START = join(REPO, 'src/server/start.ts')
/** `node --import <this> start.ts` is what `npm start` runs (tsx as a loader, no tsx CLI process in between). */
export const TSX_LOADER_URL = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href

export const INDEX_MARKER = 'start-test-index-7c1e'
export const INDEX_HTML = `<!doctype html><html><head><title>start.test page</title></head><body><div id="root">${INDEX_MARKER}</div></body></html>`

/** Upper bound for anything one process does: start, answer, exit. */
export const PROCESS_TIMEOUT_MS = 15_000
/** CONTRACT.md: on SIGTERM the server ends what is in flight and exits 0 within 10 seconds. */
export const SIGTERM_BOUND_MS = 10_000

export type Exit = { code: number | null; signal: NodeJS.Signals | null }

export type Started = {
  child: ChildProcess
  /** the pid the test started (with `startServer` it is the server itself) */
  pid: number
  stdout: () => string
  stderr: () => string
  /** everything the process printed */
  output: () => string
  exited: Promise<Exit>
}

const children = new Set<Started>()
const tempDirs: string[] = []
const closers: (() => unknown)[] = []

/** Something to close after the test (a fake upstream, a socket), before the temp dirs go. */
export function onCleanup(close: () => unknown): void {
  closers.push(close)
}

export async function cleanupProcesses(): Promise<void> {
  await Promise.all([...children].map(stop))
  children.clear()
  await Promise.allSettled(closers.splice(0).map((close) => close()))
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

export function tempDir(prefix = 'dashboard-start-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}

export type WorkDirOptions = {
  dotEnv?: string
  indexHtml?: string
  /** more files, relative to the working directory (e.g. `dist/assets/app-abc123.js`) */
  files?: Record<string, string | Buffer>
}

/** A working directory with dist/index.html (and a .env, and more files, when given). */
export function workDir(options: WorkDirOptions | string = {}): string {
  const opts = typeof options === 'string' ? { dotEnv: options } : options
  const dir = tempDir()
  mkdirSync(join(dir, 'dist'))
  writeFileSync(join(dir, 'dist', 'index.html'), opts.indexHtml ?? INDEX_HTML)
  if (opts.dotEnv !== undefined) writeFileSync(join(dir, '.env'), opts.dotEnv)
  for (const [path, content] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

/**
 * A project directory `npm start` can run in: a copy of the repo's package.json, links to its
 * node_modules, src and tsconfig.json, and a dist/ holding index.html.
 */
export function npmProjectDir(options: WorkDirOptions = {}): string {
  const dir = workDir(options)
  copyFileSync(join(REPO, 'package.json'), join(dir, 'package.json'))
  for (const name of ['node_modules', 'src', 'tsconfig.json']) symlinkSync(join(REPO, name), join(dir, name))
  return dir
}

/** Only what a process needs to run, so nothing from this machine's environment configures it. */
export function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' }
  for (const name of ['HOME', 'TMPDIR'] as const) {
    const value = process.env[name]
    if (value) env[name] = value
  }
  return env
}

/** Runs `command` in its own process group (so it can be stopped whole), recording what it prints. */
export function spawnTracked(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Started {
  const child = spawn(command, args, {
    cwd,
    env: { ...baseEnv(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  if (child.pid === undefined) throw new Error(`could not start ${command}`)
  let out = ''
  let err = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
  })
  const exited = new Promise<Exit>((resolveExit) => {
    child.on('close', (code, signal) => resolveExit({ code, signal }))
  })
  const started: Started = {
    child,
    pid: child.pid,
    stdout: () => out,
    stderr: () => err,
    output: () => `${out}\n${err}`,
    exited,
  }
  children.add(started)
  return started
}

/** What `npm start` runs, without npm: this process IS the server (its pid is the server's). */
export function startServer(cwd: string, env: Record<string, string>): Started {
  return spawnTracked(process.execPath, ['--import', TSX_LOADER_URL, START], cwd, env)
}

/** The real `npm start` in a project directory (see `npmProjectDir`). */
export function startNpm(projectDir: string, env: Record<string, string>): Started {
  return spawnTracked('npm', ['start'], projectDir, {
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...env,
  })
}

export function isRunning(s: Started): boolean {
  return s.child.exitCode === null && s.child.signalCode === null
}

function killGroup(s: Started, signal: NodeJS.Signals): void {
  try {
    process.kill(-s.pid, signal)
  } catch {
    // already gone
  }
}

/**
 * Cleanup, not a test: SIGTERM to the process group, SIGKILL after 1.5 s. Also used where a test
 * only needs the process gone (a graceful exit is asserted by the tests about SIGTERM).
 */
export async function stop(s: Started): Promise<void> {
  if (isRunning(s)) {
    killGroup(s, 'SIGTERM')
    const timer = setTimeout(() => killGroup(s, 'SIGKILL'), 1_500)
    await s.exited
    clearTimeout(timer)
  }
  // npm's children (sh, node) are in the same group: make sure none outlives the test.
  killGroup(s, 'SIGKILL')
}

/** `promise`, or a rejection naming `what` (with what the process printed) after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string, s?: Started): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `${what} took over ${ms} ms.${s ? `\nstdout:\n${s.stdout()}\nstderr:\n${s.stderr()}` : ''}`,
            ),
          ),
        ms,
      )
    }),
  ]).finally(() => clearTimeout(timer))
}

/** Resolves with the base URL from the `Dashboard on http://host:port` line; rejects if the process exits first. */
export function listening(s: Started): Promise<string> {
  const ready = new Promise<string>((resolveUrl, reject) => {
    const check = () => {
      const m = /Dashboard on (http:\/\/\S+:(\d+))/.exec(s.stdout())
      if (m?.[1] && m[2] !== '0') {
        s.child.stdout?.off('data', check)
        resolveUrl(m[1])
      }
    }
    s.child.stdout?.on('data', check)
    check()
    s.exited.then(({ code, signal }) =>
      reject(
        new Error(
          `the server exited (code ${code}, signal ${signal}) before listening.\nstdout:\n${s.stdout()}\nstderr:\n${s.stderr()}`,
        ),
      ),
    )
  })
  return within(ready, PROCESS_TIMEOUT_MS, 'starting the server', s)
}

/** A port nothing listens on right now (the kernel's pick on 127.0.0.1, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolvePort(port) : reject(new Error('no port'))))
    })
  })
}

/** True when a new server can listen on 127.0.0.1:port (nothing holds it any more). */
export function canListenOn(port: number): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer()
    server.once('error', () => resolveFree(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolveFree(true)))
  })
}

/** How a TCP connection to 127.0.0.1:port goes: accepted, or refused (nothing listening). */
export function connectOutcome(port: number): Promise<'accepted' | 'refused' | string> {
  return new Promise((resolveOutcome) => {
    const socket = createConnection({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolveOutcome('accepted')
    })
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolveOutcome(error.code === 'ECONNREFUSED' ? 'refused' : (error.code ?? error.message)),
    )
  })
}

/** A server that must start, on a free port of 127.0.0.1: its base URL, port and process. */
export async function serverUrl(
  cwd: string,
  env: Record<string, string>,
): Promise<{ url: string; port: number; server: Started }> {
  const port = await freePort()
  const server = startServer(cwd, { HOST: '127.0.0.1', PORT: String(port), ...env })
  return { url: await listening(server), port, server }
}

/**
 * A server that must refuse to start: how it exited and what it printed. When it listens instead,
 * this returns at once (code null, stdout with its `Dashboard on` line) and cleanup stops it.
 */
export async function refusal(cwd: string, env: Record<string, string>) {
  const port = await freePort()
  const server = startServer(cwd, { PORT: String(port), ...env })
  const t0 = Date.now()
  const listened = listening(server).then(
    (): Exit => ({ code: null, signal: null }),
    () => new Promise<never>(() => {}),
  )
  const exit = await within(
    Promise.race([server.exited, listened]),
    PROCESS_TIMEOUT_MS,
    'the refusal',
    server,
  )
  return { ...exit, ms: Date.now() - t0, stdout: server.stdout(), stderr: server.stderr() }
}

/** Peak resident set size of a live process (VmHWM in /proc/<pid>/status), in bytes. */
export function peakRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)
  if (!m?.[1]) throw new Error(`no VmHWM in /proc/${pid}/status`)
  return Number(m[1]) * 1024
}

/** The environment of live mode against `smartAssistUrl`, with no background sync and no store on disk. */
export function liveEnv(smartAssistUrl: string): Record<string, string> {
  return {
    DASHBOARD_SKIP_DOTENV: '1',
    HOST: '127.0.0.1',
    SMARTASSIST_HOST: smartAssistUrl,
    SMARTASSIST_ACCOUNT_ID: 'acct-process-test',
    SMARTASSIST_IID: 'st-process-test',
    SMARTASSIST_JWT: 'eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6InByb2Nlc3MtdGVzdCJ9.process-test-sig',
    // The sync would send its own requests upstream: only the test's requests should reach it.
    SMARTASSIST_SYNC_DAYS: '0',
    DATA_DIR: 'memory',
  }
}
