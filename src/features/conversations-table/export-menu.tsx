// "Export" button with CSV / JSON choices: a small menu button (WAI-ARIA menu pattern).

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import type { Conversation } from '../../api/conversation'
import { pluralize } from '../../lib/format'
import { CSV_COLUMNS, conversationsToCsv, type ExportColumn } from './export-csv'
import { downloadText, exportFileName } from './export-file'
import { conversationsToJson } from './export-json'
import './filters.css'

export type ExportFile = { name: string; text: string; type: string }

export type ExportMenuProps = {
  /** the rows to export: already filtered and sorted as the table shows them */
  conversations: readonly Conversation[]
  /** the CSV's columns (e.g. the table's visible ones); default CSV_COLUMNS */
  columns?: readonly ExportColumn[]
  /** display time zone: CSV times carry its offset, the file name its days */
  zone: string
  /** the loaded range (file name: conversations_<first day>_<last day>.csv) */
  range: { start: number; end: number }
  /** mask the customer's data in both formats */
  hidePersonal?: boolean
  /** where the file goes; default: a browser download */
  onDownload?: (file: ExportFile) => void
  disabled?: boolean
}

const save = (file: ExportFile) => downloadText(file.name, file.text, file.type)

export function ExportMenu({
  conversations,
  columns = CSV_COLUMNS,
  zone,
  range,
  hidePersonal = false,
  onDownload = save,
  disabled = false,
}: ExportMenuProps) {
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLDivElement>(null)
  const menuId = useId()

  useEffect(() => {
    if (!open) return
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const onPointerDown = (e: PointerEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const close = () => {
    setOpen(false)
    buttonRef.current?.focus()
  }
  const exportAs = (kind: 'csv' | 'json') => {
    const name = exportFileName(range, zone, kind)
    if (kind === 'csv')
      onDownload({
        name,
        text: conversationsToCsv(conversations, columns, { zone, hidePersonal }),
        type: 'text/csv;charset=utf-8',
      })
    else
      onDownload({
        name,
        text: conversationsToJson(conversations, { hidePersonal }),
        type: 'application/json',
      })
    close()
  }
  const onMenuKeyDown = (e: KeyboardEvent) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    const move = (to: number) => items[(to + items.length) % items.length]?.focus()
    if (e.key === 'ArrowDown') move(at + 1)
    else if (e.key === 'ArrowUp') move(at - 1)
    else if (e.key === 'Home') move(0)
    else if (e.key === 'End') move(items.length - 1)
    else if (e.key === 'Escape') close()
    else if (e.key === 'Tab') setOpen(false)
    else return
    if (e.key !== 'Tab') e.preventDefault()
  }

  const count = pluralize(conversations.length, 'conversation')
  return (
    <div className="export-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        disabled={disabled || conversations.length === 0}
        title={conversations.length === 0 ? 'Nothing to export' : `Export ${count}`}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        Export
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Export as"
          className="export-popover"
          onKeyDown={onMenuKeyDown}
        >
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => exportAs('csv')}>
            <span>Download CSV</span>{' '}
            <span className="menu-hint">
              {count}, {columns.length} columns{hidePersonal ? ', personal data hidden' : ''}
            </span>
          </button>
          <button type="button" role="menuitem" tabIndex={-1} onClick={() => exportAs('json')}>
            <span>Download JSON</span>{' '}
            <span className="menu-hint">raw records{hidePersonal ? ', personal data hidden' : ''}</span>
          </button>
        </div>
      )}
    </div>
  )
}
