// Colours and small formatters the charts share; the colours are src/app/styles.css's variables
// (SVG fills cannot read CSS variables through recharts' props, so they are repeated here).

export const COLORS = {
  accent: '#1d4ed8', // --accent
  accentLight: '#93c5fd',
  warn: '#9a3412', // --warn
  danger: '#b91c1c', // --danger
  muted: '#5b6476', // --muted
  line: '#e3e8f0', // --line
  text: '#0f172a', // --text
} as const

/**
 * A category axis label cut to `max` characters in the middle, so that labels sharing a long prefix
 * ("Agent … 12", "Agent … 13") stay apart (the table has the full text).
 */
export function shortLabel(label: unknown, max = 22): string {
  const s = String(label)
  if (s.length <= max) return s
  const tail = Math.floor((max - 1) / 2)
  return `${s.slice(0, max - 1 - tail).trimEnd()}…${s.slice(s.length - tail).trimStart()}`
}

/** A 0..1 share as `41.7%`. */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** Height for a horizontal bar chart of `rows` bars (fixed, so ResponsiveContainer never measures 0). */
export function barsHeight(rows: number, extra = 0): number {
  return 24 + extra + Math.max(rows, 1) * 28
}
