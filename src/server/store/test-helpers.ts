// Shared by the store's tests: temporary folders, a recording logger, records and reading helpers.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ConversationStore, Interval, StoredRecord } from './store'

export type RecordingLogger = {
  info(line: string): void
  error(line: string): void
  infos: string[]
  errors: string[]
}

export function recordingLogger(): RecordingLogger {
  const infos: string[] = []
  const errors: string[] = []
  return { infos, errors, info: (l) => infos.push(l), error: (l) => errors.push(l) }
}

/** A fresh folder under the system's temp dir; `cleanup` removes every folder made. */
export function tempDirs(): { make(): string; cleanup(): void } {
  const made: string[] = []
  return {
    make() {
      const dir = mkdtempSync(join(tmpdir(), 'store-test-'))
      made.push(dir)
      return dir
    },
    cleanup() {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A record shaped like the API's, starting at `startMs`. */
export function rec(id: string, startMs: number, extra: Record<string, unknown> = {}): StoredRecord {
  const sessionStartTime = new Date(startMs).toISOString().slice(0, 19)
  return { id, startMs, raw: { conversationId: id, sessionId: `s-${id}`, sessionStartTime, ...extra } }
}

/** `n` records one second apart from `from`, ids `${prefix}-00000`…, each about `bytes` of JSON. */
export function recs(n: number, from: number, prefix = 'r', bytes = 200): StoredRecord[] {
  return Array.from({ length: n }, (_, i) =>
    rec(`${prefix}-${String(i).padStart(5, '0')}`, from + i * 1000, {
      pad: 'x'.repeat(Math.max(0, bytes - 120)),
    }),
  )
}

export const EVERYTHING: Interval = { start: 0, end: Number.MAX_SAFE_INTEGER }

export async function readAll(store: ConversationStore, range: Interval = EVERYTHING): Promise<unknown[]> {
  const out: unknown[] = []
  for await (const batch of store.records(range)) out.push(...batch)
  return out
}

export async function idsOf(store: ConversationStore, range: Interval = EVERYTHING): Promise<string[]> {
  return (await readAll(store, range)).map((r) => (r as { conversationId: string }).conversationId)
}

/** A logged line is one line and carries no stack trace. */
export function isOneLine(line: string): boolean {
  return !line.includes('\n') && !/\bat .+:\d+:\d+/.test(line)
}
