import { useEffect, useId, useRef, useState } from 'react'

export type ChooserColumn = {
  id: string
  label: string
  visible: boolean
  toggle: (visible: boolean) => void
}

/** "Columns" button opening a checklist of every column; the last visible one cannot be hidden. */
export function ColumnChooser({ columns, onReset }: { columns: ChooserColumn[]; onReset: () => void }) {
  const [open, setOpen] = useState(false)
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const visibleCount = columns.filter((c) => c.visible).length

  // closes on a click outside, and on Escape (focus back on the button)
  useEffect(() => {
    if (!open) return
    const onMouseDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false)
    }
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setOpen(false)
      if (rootRef.current?.contains(document.activeElement)) buttonRef.current?.focus()
    }
    document.addEventListener('mousedown', onMouseDown)
    document.addEventListener('keydown', onKeyDown)
    return () => {
      document.removeEventListener('mousedown', onMouseDown)
      document.removeEventListener('keydown', onKeyDown)
    }
  }, [open])

  return (
    <div className="ct-chooser" ref={rootRef}>
      <button
        type="button"
        ref={buttonRef}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        Columns
      </button>
      {open && (
        <fieldset id={panelId} className="ct-chooser-panel">
          <legend className="visually-hidden">Columns shown in the table</legend>
          <ul>
            {columns.map((c) => (
              <li key={c.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={c.visible}
                    disabled={c.visible && visibleCount <= 1}
                    onChange={(e) => c.toggle(e.currentTarget.checked)}
                  />
                  {c.label}
                </label>
              </li>
            ))}
          </ul>
          <button type="button" onClick={onReset}>
            Reset columns
          </button>
        </fieldset>
      )}
    </div>
  )
}
