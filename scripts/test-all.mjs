// `npm test`: every check the project has, in order, then one plain line
// `N passed, M failed, K skipped` (CI greps the `N passed, M failed` prefix).
// Lint, type-check and build count as one check each; vitest and Playwright count their tests, and a
// runner counts as one more failure when it ran no test (a filter matching nothing, an empty or
// missing report) or exited non-zero without a failing test (a suite that did not load, a `.only`
// refused in CI, a web server that did not start).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { INSTALL_HINT, resolveChromium } from './chromium-path.mjs'

/**
 * One runner's counts from its JSON report. `kind` is 'vitest' or 'playwright'; `report` is the parsed
 * file (null when missing or unreadable); `exitOk` whether the runner exited 0.
 * Returns { label, passed, failed, skipped, note }; note says why a failure was added, else ''.
 */
export function tally(kind, report, exitOk) {
  const label = kind === 'playwright' ? 'e2e' : kind
  let passed = 0
  let failed = 0
  let skipped = 0
  if (kind === 'vitest' && report) {
    passed = report.numPassedTests ?? 0
    failed = report.numFailedTests ?? 0
    // Skipped, todo and (never expected) unfinished tests: every test neither passed nor failed.
    skipped = Math.max(0, (report.numTotalTests ?? 0) - passed - failed)
  } else if (kind === 'playwright' && report?.stats) {
    const s = report.stats
    passed = s.expected ?? 0
    failed = (s.unexpected ?? 0) + (s.flaky ?? 0)
    skipped = s.skipped ?? 0
  } else if (kind !== 'vitest' && kind !== 'playwright') {
    throw new Error(`unknown runner ${kind}`)
  }
  const counted = kind === 'playwright' ? report?.stats : report
  if (!counted) return { label, passed, failed: failed + 1, skipped, note: 'no report' }
  if (passed + failed === 0) return { label, passed, failed: failed + 1, skipped, note: 'no test ran' }
  const runnerFailed = !exitOk || report.success === false || (report.errors?.length ?? 0) > 0
  if (runnerFailed && failed === 0)
    return { label, passed, failed: 1, skipped, note: 'runner failed without a failing test' }
  return { label, passed, failed, skipped, note: '' }
}

/** A check that is one test: lint, types, build. */
export function single(label, ok) {
  return { label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, note: '' }
}

/** The summary: a line per check, then the totals line last. */
export function summary(results) {
  const lines = results.map(
    (r) =>
      `  ${r.label.padEnd(8)} ${r.passed} ok / ${r.failed} failing / ${r.skipped} skipped${r.note ? `  (${r.note})` : ''}`,
  )
  const sum = (key) => results.reduce((n, r) => n + r[key], 0)
  const failed = sum('failed')
  lines.push(`${sum('passed')} passed, ${failed} failed, ${sum('skipped')} skipped`)
  return { lines, failed }
}

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

function main() {
  const results = []
  mkdirSync('test-results', { recursive: true })

  results.push(single('lint', run('lint', 'npx', ['biome', 'check', '.'])))
  results.push(single('types', run('types', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])))

  rmSync('test-results/vitest.json', { force: true })
  const unitOk = run('unit, component and proxy tests', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
  ])
  results.push(tally('vitest', readJson('test-results/vitest.json'), unitOk))

  const buildOk = run('build', 'npm', ['run', 'build'])
  results.push(single('build', buildOk))

  if (!resolveChromium()) {
    console.error(
      `\nNo Chromium found for the e2e tests (CHROMIUM_PATH, /usr/bin/chromium, Playwright's own).`,
    )
    console.error(`Install one with:  ${INSTALL_HINT}`)
    results.push({ label: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'no Chromium' })
  } else if (buildOk) {
    rmSync('test-results/e2e.json', { force: true })
    // CI set: the config then writes the JSON report (and refuses a `test.only`).
    const e2eOk = run('e2e (Playwright, demo mode)', 'npx', ['playwright', 'test'], {
      CI: process.env.CI ?? '1',
    })
    results.push(tally('playwright', readJson('test-results/e2e.json'), e2eOk))
  } else {
    results.push({ label: 'e2e', passed: 0, failed: 1, skipped: 0, note: 'not run: the build failed' })
  }

  console.log('\n━━ summary')
  const { lines, failed } = summary(results)
  for (const line of lines) console.log(line)
  process.exit(failed === 0 && existsSync('dist/index.html') ? 0 : 1)
}

// Run only as a script; `import('./scripts/test-all.mjs')` gets the pure functions above.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
