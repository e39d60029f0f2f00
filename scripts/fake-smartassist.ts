// A loopback SmartAssist for e2e and benchmarks: the synthetic data behind the real API's rules.
//   node --import tsx scripts/fake-smartassist.ts <port> [perDay] [perMinuteLimit]
import { startFakeUpstream } from '../src/mocks/fake-upstream'

const [port = '4181', perDay = '2000', perMinuteLimit] = process.argv.slice(2)
const fake = await startFakeUpstream({
  port: Number(port),
  synthetic: { perDay: Number(perDay), now: Date.now },
  ...(perMinuteLimit && { perMinuteLimit: Number(perMinuteLimit) }),
})
console.log(`Fake SmartAssist on ${fake.url} (${perDay} conversations a day)`)
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => void fake.close().then(() => process.exit(0)))
}
