// Shared pieces of the benchmarks in scripts/bench-*.ts: the busy week they measure, and timing.
// A benchmark prints figures; it asserts nothing.

import type { Conversation } from '../src/api/conversation'
import { normalizeResponse } from '../src/api/normalize'
import { createGenerator } from '../src/mocks/synthetic/generator'

/** The first instant of the week the benchmarks measure (Monday 2024-11-18, UTC). */
export const WEEK_START = Date.parse('2024-11-18T00:00:00Z')
export const WEEK_MS = 7 * 86_400_000

/** The first command-line argument as a number (conversations per day, records…), else `fallback`. */
export function numberArg(fallback: number): number {
  return Number(process.argv[2] ?? fallback)
}

/** The synthetic SmartAssist's records of the week, normalized (perDay × 7 conversations). */
export function syntheticWeek(perDay: number): Conversation[] {
  const records = createGenerator({ perDay }).records(WEEK_START, WEEK_START + WEEK_MS - 1)
  return normalizeResponse({ numResults: records.length, data: records }, { timeZoneOffset: 0 }).conversations
}

export type Timing<T> = {
  /** what the first (cold) run returned */
  result: T
  /** the first run, ms */
  first: number
  /** median, 95th percentile and best of the runs after the first, ms */
  median: number
  p95: number
  best: number
}

/**
 * Runs `fn` once cold, then `runs` more times one after another, and times each run. `fn` may return a
 * promise (it is awaited; a synchronous run costs one microtask more).
 */
export async function measure<T>(runs: number, fn: () => T | Promise<T>): Promise<Timing<Awaited<T>>> {
  const t0 = performance.now()
  const result = await fn()
  const first = performance.now() - t0
  const samples: number[] = []
  for (let k = 0; k < runs; k++) {
    const t = performance.now()
    await fn()
    samples.push(performance.now() - t)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) => samples[Math.floor(samples.length * q)] ?? Number.NaN
  return { result, first, median: at(0.5), p95: at(0.95), best: at(0) }
}

const ms = (v: number) => `${v.toFixed(2).padStart(8)} ms`

/** One line: the label, first run, median and p95; a number the run returned (a count) after them. */
export function report(label: string, t: Timing<unknown>): void {
  const count = typeof t.result === 'number' ? `  (${t.result.toLocaleString('en-US')})` : ''
  console.log(`${label.padEnd(58)} first ${ms(t.first)}  median ${ms(t.median)}  p95 ${ms(t.p95)}${count}`)
}

/** measure, then report. */
export async function time(label: string, runs: number, fn: () => unknown): Promise<void> {
  report(label, await measure(runs, fn))
}
