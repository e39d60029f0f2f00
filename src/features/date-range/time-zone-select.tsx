import './range-picker.css'
import { useEffect, useId, useMemo, useState } from 'react'
import { browserTimeZone } from '../../lib/format'
import { isValidTimeZone } from './range-rules'

type Props = {
  /** The display zone (IANA name). */
  zone: string
  /** A zone the user picked; the page writes it to the URL (`tz`). */
  onChange: (zone: string) => void
}

/**
 * ICU (Chrome, Node) still lists some zones under their old names; show the current IANA ones, which every
 * browser accepts too (the CONTRACT's own examples use Asia/Kolkata).
 */
const RENAMED: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
}

let allZones: string[] | undefined
/** Every IANA zone this browser knows (computed once; Intl lists about 420). */
function supportedZones(): string[] {
  if (!allZones) {
    let listed: string[] = []
    try {
      listed = Intl.supportedValuesOf('timeZone')
    } catch {
      // An old browser: the select still offers the current zone, the browser's and UTC.
    }
    allZones = [
      ...new Set(
        listed.map((zone) => (RENAMED[zone] && isValidTimeZone(RENAMED[zone]) ? RENAMED[zone] : zone)),
      ),
    ]
  }
  return allZones
}

/**
 * Labels every zone in the main thread's idle moments, a few at a time (each takes an Intl formatter),
 * then calls `done`; where the browser cannot tell idle time, all at once after 3 s. Returns a cancel.
 */
function labelZonesWhenIdle(done: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(() => {
      for (const zone of supportedZones()) offsetOf(zone)
      done()
    }, 3000)
    return () => clearTimeout(timer)
  }
  const zones = supportedZones()
  let next = 0
  let id = 0
  const step = (deadline: IdleDeadline) => {
    while (next < zones.length && deadline.timeRemaining() > 2) offsetOf(zones[next++] as string)
    if (next < zones.length) id = requestIdleCallback(step)
    else done()
  }
  id = requestIdleCallback(step)
  return () => cancelIdleCallback(id)
}

/** `GMT-05:00` style offset of the zone at the given instant ('' if Intl cannot say). */
function offsetLabel(zone: string, at: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      timeZoneName: 'longOffset',
    }).formatToParts(at)
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? ''
    return name === 'GMT' ? 'GMT+00:00' : name
  } catch {
    return ''
  }
}

/**
 * The ordered options: the browser's zone and UTC first, then every zone alphabetically. The current zone is
 * added at the top when the list lacks it (an alias such as Asia/Calcutta, or Etc/GMT+5).
 */
export function timeZoneOptions(current: string, browser: string, all: readonly string[]): string[] {
  const first = [browser, 'UTC']
  if (!first.includes(current) && !all.includes(current)) first.unshift(current)
  const suggested = first.filter((zone, i) => first.indexOf(zone) === i)
  return [...suggested, ...all.filter((zone) => !suggested.includes(zone)).sort()]
}

/** Each zone's offset label, once per page view (the offsets of a page view do not change). */
const offsets = new Map<string, string>()
const openedAt = Date.now()
function offsetOf(zone: string): string {
  let label = offsets.get(zone)
  if (label === undefined) {
    label = offsetLabel(zone, openedAt)
    offsets.set(zone, label)
  }
  return label
}

/** A labelled native select of IANA time zones, each with its current UTC offset. */
export function TimeZoneSelect({ zone, onChange }: Props) {
  const id = useId()
  const browser = browserTimeZone()
  // Labelling ~420 zones takes ~0.3 s of the main thread: it happens in idle moments (never as one
  // block while a range loads), or at once when the select is touched.
  const [listed, setListed] = useState(allZones !== undefined && offsets.size >= allZones.length)
  const list = () => setListed(true)
  useEffect(() => labelZonesWhenIdle(() => setListed(true)), [])
  const options = useMemo(() => {
    return timeZoneOptions(zone, browser, listed ? supportedZones() : []).map((value) => {
      const offset = offsetOf(value)
      const note = value === browser ? ' · this browser' : ''
      return { value, label: `${value}${offset ? ` (${offset})` : ''}${note}` }
    })
  }, [zone, browser, listed])
  return (
    <div className="time-zone-select">
      <label htmlFor={id}>Time zone</label>
      <select
        id={id}
        value={zone}
        onChange={(event) => onChange(event.target.value)}
        onFocus={list}
        onPointerDown={list}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}
