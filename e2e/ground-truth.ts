import { tz } from '@date-fns/tz'
import { addDays, format, startOfDay } from 'date-fns'
import { createSyntheticSmartAssist } from '../src/mocks/synthetic-smartassist'

// The server under test runs demo mode with the generator's defaults: the same records, counted here.
const synthetic = createSyntheticSmartAssist()

export function trueCount(startIso: string, endIso: string): number {
  return synthetic.listIdentities(Date.parse(startIso), Date.parse(endIso)).length
}

/** Per calendar day of `zone`: [yyyy-MM-dd, count] for `days` days from `firstDay`. */
export function trueCountsByDay(firstDay: string, days: number, zone: string): [string, number][] {
  const inZone = { in: tz(zone) }
  const out: [string, number][] = []
  let day = startOfDay(new Date(`${firstDay}T12:00:00Z`), inZone)
  for (let i = 0; i < days; i++) {
    const next = addDays(day, 1, inZone)
    out.push([format(day, 'yyyy-MM-dd', inZone), synthetic.listIdentities(+day, +next - 1).length])
    day = next
  }
  return out
}

export const statusText = (n: number) => `${n.toLocaleString('en-US')} conversation${n === 1 ? '' : 's'}`
