// "Views" in the header: a modal <dialog> (showModal: the browser keeps focus inside, Escape closes it
// and focus returns to the button) to save the current set-up under a name, and to list, apply, rename,
// delete and copy a link to the saved ones.

import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { browserTimeZone } from '../../lib/format'
import { useUrlParams } from '../../lib/use-url-params'
import { loadPrefs, savePrefs } from '../conversations-table/table-prefs'
import { applyViewLink, tablePrefsReplaced } from './view-link'
import {
  type CaptureResult,
  captureSetup,
  describeSetup,
  describeTable,
  prefsWithView,
  setupToLinkParams,
  setupToPageParams,
} from './view-setup'
import { MAX_NAME_LENGTH, type SavedView, storageProblem, useSavedViews } from './views-storage'
import './saved-views.css'

// Once, when the page loads (this module is imported before the first render): a link's preset, sort
// and columns take effect (view-link.ts).
applyViewLink()

function currentSetup(): CaptureResult {
  return captureSetup(new URLSearchParams(window.location.search), loadPrefs(), Date.now(), browserTimeZone())
}

/** The link that reproduces `view` for anyone (no saved view needed). */
export function viewLink(view: SavedView): string {
  const url = new URL(window.location.href)
  url.search = setupToLinkParams(view).toString()
  url.hash = ''
  return url.href
}

type Editing = { id: string; draft: string; error: string | null }

export function SavedViewsButton() {
  const { views, save, rename, remove } = useSavedViews()
  const [, setParams] = useUrlParams()
  const dialogRef = useRef<HTMLDialogElement>(null)
  const nameRef = useRef<HTMLInputElement>(null)
  const [open, setOpen] = useState(false)
  const [current, setCurrent] = useState<CaptureResult | null>(null)
  const [unavailable, setUnavailable] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [saveError, setSaveError] = useState<string | null>(null)
  const [message, setMessage] = useState('')
  const [editing, setEditing] = useState<Editing | null>(null)
  const [confirming, setConfirming] = useState<string | null>(null)
  const [manualLink, setManualLink] = useState<{ id: string; url: string } | null>(null)
  const baseId = useId()
  const titleId = `${baseId}-title`
  const nameErrorId = `${baseId}-name-error`
  const domId = (what: string, id: string) => `${baseId}-${what}-${id}`

  // focus to move after the next render (the element may not exist yet)
  const focusNext = useRef<string | null>(null)
  useEffect(() => {
    if (focusNext.current === null) return
    const el = document.getElementById(focusNext.current)
    focusNext.current = null
    el?.focus()
    if (el instanceof HTMLInputElement) el.select()
  })
  const focusAfterRender = (id: string) => {
    focusNext.current = id
  }

  const sorted = [...views].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }))

  const openDialog = () => {
    setCurrent(currentSetup())
    setUnavailable(storageProblem())
    setSaveError(null)
    setMessage('')
    setEditing(null)
    setConfirming(null)
    setManualLink(null)
    setOpen(true)
    dialogRef.current?.showModal()
    // the content renders with `open`: focus its name field then
    focusAfterRender(`${baseId}-name`)
  }
  const closeDialog = () => dialogRef.current?.close()

  const onSave = (e: FormEvent) => {
    e.preventDefault()
    const captured = currentSetup()
    setCurrent(captured)
    const error = captured.ok ? save(name, captured.setup) : captured.error
    if (error) {
      setSaveError(error)
      setMessage('')
      nameRef.current?.focus()
      return
    }
    setMessage(`Saved “${name.trim()}”.`)
    setSaveError(null)
    setName('')
  }

  const apply = (view: SavedView) => {
    const prefs = loadPrefs()
    const next = prefsWithView(prefs, view)
    if (next !== prefs) {
      savePrefs(next)
      tablePrefsReplaced()
    }
    setParams(
      setupToPageParams(view, new URLSearchParams(window.location.search), Date.now(), browserTimeZone()),
    )
    closeDialog()
  }

  const startRename = (view: SavedView) => {
    setConfirming(null)
    setManualLink(null)
    setEditing({ id: view.id, draft: view.name, error: null })
    focusAfterRender(domId('rename-input', view.id))
  }
  const endRename = (id: string) => {
    setEditing(null)
    focusAfterRender(domId('rename', id))
  }
  const commitRename = (e: FormEvent) => {
    e.preventDefault()
    if (!editing) return
    const old = views.find((v) => v.id === editing.id)
    const error = rename(editing.id, editing.draft)
    if (error) {
      setMessage('')
      setEditing({ ...editing, error })
      document.getElementById(domId('rename-input', editing.id))?.focus()
      return
    }
    setMessage(`Renamed “${old?.name ?? ''}” to “${editing.draft.trim()}”.`)
    endRename(editing.id)
  }

  const startDelete = (view: SavedView) => {
    setEditing(null)
    setManualLink(null)
    setConfirming(view.id)
    focusAfterRender(domId('keep', view.id))
  }
  const endDelete = (id: string) => {
    setConfirming(null)
    focusAfterRender(domId('delete', id))
  }
  const confirmDelete = (view: SavedView) => {
    const error = remove(view.id)
    setConfirming(null)
    if (error) {
      setMessage(error)
      focusAfterRender(domId('delete', view.id))
      return
    }
    setMessage(`Deleted “${view.name}”.`)
    nameRef.current?.focus()
  }

  const copyLink = async (view: SavedView) => {
    const url = viewLink(view)
    try {
      await navigator.clipboard.writeText(url)
      setManualLink(null)
      setMessage(`Link to “${view.name}” copied.`)
    } catch {
      // no clipboard here (permission, an insecure page): show the link to copy by hand
      setManualLink({ id: view.id, url })
      setMessage('This browser did not allow copying: the link is selected below, copy it from there.')
      focusAfterRender(domId('link', view.id))
    }
  }

  // Escape while renaming or confirming a delete ends that, not the dialog
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Escape') return
    if (editing) {
      e.preventDefault()
      endRename(editing.id)
    } else if (confirming) {
      e.preventDefault()
      endDelete(confirming)
    }
  }

  return (
    <>
      <button type="button" className="views-button" aria-haspopup="dialog" onClick={openDialog}>
        Views
        {views.length > 0 && (
          <span className="views-count" aria-hidden="true">
            {views.length}
          </span>
        )}
      </button>
      <dialog
        ref={dialogRef}
        className="views-dialog"
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        onKeyDown={onKeyDown}
      >
        {open && (
          <div className="views-body">
            <div className="views-head">
              <h2 id={titleId}>Saved views</h2>
              <button type="button" onClick={closeDialog}>
                Close
              </button>
            </div>

            <form className="views-save" onSubmit={onSave} noValidate>
              <h3>Save current view</h3>
              <div className="views-save-row">
                <label htmlFor={`${baseId}-name`}>Name</label>
                <input
                  id={`${baseId}-name`}
                  ref={nameRef}
                  className="views-input"
                  value={name}
                  maxLength={MAX_NAME_LENGTH + 20}
                  autoComplete="off"
                  placeholder="e.g. Voice, last 7 days"
                  aria-invalid={saveError !== null}
                  aria-describedby={saveError ? nameErrorId : undefined}
                  onChange={(e) => {
                    setName(e.target.value)
                    setSaveError(null)
                  }}
                />
                <button type="submit" className="primary" disabled={unavailable !== null}>
                  Save
                </button>
              </div>
              {saveError && (
                <p className="views-error" id={nameErrorId} role="alert">
                  {saveError}
                </p>
              )}
              {unavailable && (
                <p className="views-error" role="alert">
                  {unavailable}
                </p>
              )}
              {current?.ok && (
                <p className="views-current">
                  <span className="views-current-label">Saves </span>
                  {describeSetup(current.setup)}
                  {describeTable(current.setup) && ` · ${describeTable(current.setup)}`}
                </p>
              )}
            </form>

            <p className="views-message" aria-live="polite">
              {message}
            </p>

            <h3 id={`${baseId}-list`}>Your views</h3>
            {sorted.length === 0 ? (
              <p className="views-empty">No saved views yet.</p>
            ) : (
              <ul className="views-list" aria-labelledby={`${baseId}-list`}>
                {sorted.map((view) => (
                  <li key={view.id} className="views-item">
                    {editing?.id === view.id ? (
                      <form className="views-rename" onSubmit={commitRename} noValidate>
                        <label htmlFor={domId('rename-input', view.id)}>Rename “{view.name}” to</label>
                        <div className="views-save-row">
                          <input
                            id={domId('rename-input', view.id)}
                            className="views-input"
                            value={editing.draft}
                            maxLength={MAX_NAME_LENGTH + 20}
                            autoComplete="off"
                            aria-invalid={editing.error !== null}
                            aria-describedby={editing.error ? domId('rename-error', view.id) : undefined}
                            onChange={(e) => setEditing({ ...editing, draft: e.target.value, error: null })}
                          />
                          <button type="submit" className="primary">
                            Save name
                          </button>
                          <button type="button" onClick={() => endRename(view.id)}>
                            Cancel
                          </button>
                        </div>
                        {editing.error && (
                          <p className="views-error" id={domId('rename-error', view.id)} role="alert">
                            {editing.error}
                          </p>
                        )}
                      </form>
                    ) : confirming === view.id ? (
                      <div className="views-confirm">
                        <span className="views-confirm-text">
                          Delete “{view.name}”? This cannot be undone.
                        </span>
                        <div className="views-actions">
                          <button type="button" className="views-danger" onClick={() => confirmDelete(view)}>
                            Yes, delete
                          </button>
                          <button
                            type="button"
                            id={domId('keep', view.id)}
                            onClick={() => endDelete(view.id)}
                          >
                            Keep it
                          </button>
                        </div>
                      </div>
                    ) : (
                      <>
                        <div className="views-item-text">
                          <span className="views-name">{view.name}</span>
                          <span className="views-summary">
                            {describeSetup(view)}
                            {describeTable(view) && ` · ${describeTable(view)}`}
                          </span>
                        </div>
                        <div className="views-actions">
                          <button type="button" className="views-apply" onClick={() => apply(view)}>
                            Apply <span className="visually-hidden">{view.name}</span>
                          </button>
                          <button
                            type="button"
                            id={domId('rename', view.id)}
                            onClick={() => startRename(view)}
                          >
                            Rename <span className="visually-hidden">{view.name}</span>
                          </button>
                          <button type="button" onClick={() => void copyLink(view)}>
                            Copy link <span className="visually-hidden">to {view.name}</span>
                          </button>
                          <button
                            type="button"
                            id={domId('delete', view.id)}
                            className="views-delete"
                            onClick={() => startDelete(view)}
                          >
                            Delete <span className="visually-hidden">{view.name}</span>
                          </button>
                        </div>
                        {manualLink?.id === view.id && (
                          <input
                            id={domId('link', view.id)}
                            className="views-input views-link"
                            readOnly
                            value={manualLink.url}
                            aria-label={`Link to ${view.name}`}
                            onFocus={(e) => e.currentTarget.select()}
                          />
                        )}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </dialog>
    </>
  )
}
