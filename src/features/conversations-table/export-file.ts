// Export file names and the browser download.

import { tz } from '@date-fns/tz'
import { format } from 'date-fns'

/** `conversations_2024-11-18_2024-11-24.csv`: the range's first and last day in the display zone. */
export function exportFileName(
  range: { start: number; end: number },
  zone: string,
  ext: 'csv' | 'json',
): string {
  const day = (ms: number) => format(ms, 'yyyy-MM-dd', { in: tz(zone) })
  return `conversations_${day(range.start)}_${day(range.end)}.${ext}`
}

/** Saves text as a file through a temporary object URL and an <a download> click. */
export function downloadText(fileName: string, text: string, type: string): void {
  // a byte-order mark makes Excel read the CSV as UTF-8 (names with accents, the mask's dots)
  const parts = type.startsWith('text/csv') ? ['\uFEFF', text] : [text]
  const url = URL.createObjectURL(new Blob(parts, { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.rel = 'noopener'
  a.style.display = 'none'
  document.body.append(a)
  a.click()
  a.remove()
  // revoke after the click has been handled: some browsers read the URL asynchronously
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
