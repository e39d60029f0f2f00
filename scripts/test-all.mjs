// `npm test`: every check the project has, in order, then one plain line `N passed, M failed`.
// Lint and type-check count as one check each; vitest and Playwright count their tests.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { INSTALL_HINT, resolveChromium } from './chromium-path.mjs'

const results = []
mkdirSync('test-results', { recursive: true })

function run(label, cmd, args, env = {}) {
  console.log(`\n━━ ${label}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return r.status === 0
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args)
  results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1 })
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}

check('lint', 'npx', ['biome', 'check', '.'])
check('types', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])

rmSync('test-results/vitest.json', { force: true })
const unitOk = run('unit, component and proxy tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
])
const vitest = readJson('test-results/vitest.json')
results.push({
  label: 'vitest',
  passed: vitest?.numPassedTests ?? 0,
  failed: vitest ? vitest.numFailedTests + (unitOk || vitest.numFailedTests ? 0 : 1) : 1,
})

const buildOk = run('build', 'npm', ['run', 'build'])
results.push({ label: 'build', passed: buildOk ? 1 : 0, failed: buildOk ? 0 : 1 })

if (!resolveChromium()) {
  console.error(`\nNo Chromium found for the e2e tests (CHROMIUM_PATH, /usr/bin/chromium, Playwright's own).`)
  console.error(`Install one with:  ${INSTALL_HINT}`)
  results.push({ label: 'e2e', passed: 0, failed: 1 })
} else if (buildOk) {
  rmSync('test-results/e2e.json', { force: true })
  const e2eOk = run('e2e (Playwright, demo mode)', 'npx', ['playwright', 'test'], {
    CI: process.env.CI ?? '1',
  })
  const stats = readJson('test-results/e2e.json')?.stats
  const failed = stats ? stats.unexpected + stats.flaky : 0
  results.push({
    label: 'e2e',
    passed: stats?.expected ?? 0,
    failed: failed || (e2eOk ? 0 : 1),
  })
} else {
  results.push({ label: 'e2e', passed: 0, failed: 1 })
}

console.log('\n━━ summary')
for (const r of results) console.log(`  ${r.label.padEnd(8)} ${r.passed} ok / ${r.failed} failing`)
const passed = results.reduce((n, r) => n + r.passed, 0)
const failed = results.reduce((n, r) => n + r.failed, 0)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && existsSync('dist/index.html') ? 0 : 1)
