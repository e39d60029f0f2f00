import './range-picker.css'
import { useId, useMemo } from 'react'
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

/** A labelled native select of IANA time zones, each with its current UTC offset. */
export function TimeZoneSelect({ zone, onChange }: Props) {
  const id = useId()
  const browser = browserTimeZone()
  const options = useMemo(() => {
    const now = Date.now()
    return timeZoneOptions(zone, browser, supportedZones()).map((value) => {
      const offset = offsetLabel(value, now)
      const note = value === browser ? ' · this browser' : ''
      return { value, label: `${value}${offset ? ` (${offset})` : ''}${note}` }
    })
  }, [zone, browser])
  return (
    <div className="time-zone-select">
      <label htmlFor={id}>Time zone</label>
      <select id={id} value={zone} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  )
}
