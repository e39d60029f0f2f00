// Click to drill: a chart or table of counts filters the page to one of its values. The page owns the
// filters (in the URL); a chart only knows which of its values are selected and asks to toggle one.

/** The filter fields a chart can drill into (the filter state's field names). */
export type DrillField = 'channels' | 'queues' | 'agents' | 'dispositions' | 'days' | 'hours'

export type Drill = {
  /** whether the page is filtered to exactly this value of the field */
  isSelected(field: DrillField, value: string): boolean
  /** filters the page to this value, or lifts that filter when it is the one selected */
  toggle(field: DrillField, value: string): void
}
