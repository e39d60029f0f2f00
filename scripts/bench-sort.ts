// `npm run bench:sort [perDay]`: derive rows for a busy week from the synthetic SmartAssist and sort
// them by every column with the table's own sorted row model. Prints figures; it asserts nothing.

import { constructTable, type SortingState } from '@tanstack/table-core'
import { storeReactivityBindings } from '@tanstack/table-core/store-reactivity-bindings'
import { COLUMN_IDS, columns, features } from '../src/features/conversations-table/columns'
import { rowsFor } from '../src/features/conversations-table/row-model'
import { numberArg, syntheticWeek } from './bench-util'

let t0 = performance.now()
const conversations = syntheticWeek(numberArg(7200)).slice(0, 50_400)
console.log(`${conversations.length} conversations generated in ${(performance.now() - t0).toFixed(0)} ms`)

t0 = performance.now()
const data = rowsFor(conversations)
console.log(`rows derived (cold) in ${(performance.now() - t0).toFixed(1)} ms (Node ${process.version})`)
t0 = performance.now()
rowsFor(conversations.slice())
console.log(
  `rows for a new array of the same conversations (memoized) in ${(performance.now() - t0).toFixed(1)} ms`,
)

const table = constructTable({
  // vanilla (non-React) reactivity for constructTable; the React adapter supplies its own
  features: { ...features, coreReactivityFeature: storeReactivityBindings() } as typeof features,
  columns,
  data,
  getRowId: (r) => r.id,
})

t0 = performance.now()
table.getCoreRowModel()
console.log(`core row model built in ${(performance.now() - t0).toFixed(1)} ms`)

function timeSort(next: SortingState): { first: number; median: number } {
  const runs: number[] = []
  for (let k = 0; k < 5; k++) {
    table.setSorting([])
    table.getRowModel()
    const s0 = performance.now()
    table.setSorting(next)
    table.getRowModel()
    runs.push(performance.now() - s0)
  }
  const first = runs[0] ?? Number.NaN
  runs.sort((a, b) => a - b)
  return { first, median: runs[2] ?? Number.NaN }
}

const lines: string[] = []
for (const id of COLUMN_IDS) {
  for (const desc of [false, true]) {
    const { first, median } = timeSort([{ id, desc }])
    lines.push(
      `${`${id} ${desc ? 'desc' : 'asc'}`.padEnd(26)} first ${first.toFixed(1)} ms  median ${median.toFixed(1)} ms`,
    )
  }
}
const multi = timeSort([
  { id: 'channel', desc: false },
  { id: 'start', desc: true },
])
lines.push(
  `${'channel asc + start desc'.padEnd(26)} first ${multi.first.toFixed(1)} ms  median ${multi.median.toFixed(1)} ms`,
)
console.log(lines.join('\n'))
