import { act, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { loadPrefs, PREFS_KEY, savePrefs } from '../conversations-table/table-prefs'
import { SavedViewsButton } from './saved-views'
import { useTablePrefsGeneration } from './view-link'
import { VIEWS_KEY } from './views-storage'

// jsdom has <dialog> without showModal/close: enough of them for the component
beforeAll(() => {
  const proto = HTMLDialogElement.prototype
  if (typeof proto.showModal !== 'function' || !String(proto.showModal).includes('[native code]')) {
    proto.showModal = function showModal(this: HTMLDialogElement) {
      this.setAttribute('open', '')
    }
    proto.close = function close(this: HTMLDialogElement) {
      if (!this.hasAttribute('open')) return
      this.removeAttribute('open')
      this.dispatchEvent(new Event('close'))
    }
  }
})

function goTo(query: string) {
  act(() => {
    window.history.pushState(null, '', `/${query}`)
    window.dispatchEvent(new PopStateEvent('popstate'))
  })
}

let generation = 0
function Generation() {
  generation = useTablePrefsGeneration()
  return null
}

function setup() {
  const user = userEvent.setup()
  render(
    <>
      <SavedViewsButton />
      <Generation />
    </>,
  )
  return user
}

async function openViews(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Views' }))
  return screen.getByRole('dialog', { name: 'Saved views' })
}

async function saveAs(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement, name: string) {
  const input = within(dialog).getByRole('textbox', { name: 'Name' })
  await user.clear(input)
  await user.type(input, name)
  await user.click(within(dialog).getByRole('button', { name: 'Save' }))
}

beforeEach(() => {
  localStorage.clear()
  window.history.replaceState(null, '', '/')
})
afterEach(() => vi.restoreAllMocks())

describe('SavedViewsButton', () => {
  it('saves the current view, lists it, and says why a name is refused', async () => {
    goTo('?from=2024-11-18&to=2024-11-19&tz=UTC&channel=Voice')
    const user = setup()
    const dialog = await openViews(user)
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Name' }))
    expect(within(dialog).getByText(/^No saved views yet/)).toBeTruthy()
    expect(dialog.textContent).toContain('2024-11-18 – 2024-11-19 · Channel: Voice · UTC')

    await saveAs(user, dialog, 'Voice only')
    const list = within(dialog).getByRole('list', { name: 'Your views' })
    expect(within(list).getByText('Voice only', { selector: '.views-name' })).toBeTruthy()
    expect(within(dialog).getByText('Saved “Voice only”.')).toBeTruthy()
    expect(JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '{}').views).toHaveLength(1)
    // the count on the button is not part of its name
    expect(screen.getByRole('button', { name: 'Views' }).textContent).toBe('Views1')

    await saveAs(user, dialog, 'voice only')
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'A view named “Voice only” already exists: choose another name.',
    )
    expect(within(dialog).getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe('true')

    await user.clear(within(dialog).getByRole('textbox', { name: 'Name' }))
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(within(dialog).getByRole('alert').textContent).toBe('Give the view a name.')
    expect(within(list).getAllByRole('listitem')).toHaveLength(1)
  })

  it('apply writes the view into the URL (a new history entry), its sort and columns into the table prefs', async () => {
    goTo('?from=2024-11-18&to=2024-11-19&tz=UTC&channel=Voice&sl=30')
    const prefs = loadPrefs()
    savePrefs({
      ...prefs,
      sorting: [{ id: 'duration', desc: true }],
      visibility: { ...prefs.visibility, agent: false },
    })
    const user = setup()
    await saveAs(user, await openViews(user), 'Voice only')
    await user.click(screen.getByRole('button', { name: 'Close' }))

    // the page moves on: another filter, another sort
    goTo('?from=2024-11-20&tz=UTC&channel=Chat&conversation=c1')
    savePrefs({ ...loadPrefs(), sorting: [{ id: 'queue', desc: false }] })
    const before = generation
    const historyLength = window.history.length

    const dialog = await openViews(user)
    await user.click(within(dialog).getByRole('button', { name: 'Apply Voice only' }))
    expect(window.location.search).toBe('?from=2024-11-18&to=2024-11-19&tz=UTC&channel=Voice&sl=30')
    expect(window.history.length).toBe(historyLength + 1)
    expect(loadPrefs().sorting).toEqual([{ id: 'duration', desc: true }])
    expect(loadPrefs().visibility.agent).toBe(false)
    expect(generation).toBe(before + 1)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}').sorting).toEqual([
      { id: 'duration', desc: true },
    ])
  })

  it('renames inline: Escape cancels, a taken name is refused, Enter saves', async () => {
    goTo('?tz=UTC')
    const user = setup()
    const dialog = await openViews(user)
    await saveAs(user, dialog, 'First')
    await saveAs(user, dialog, 'Second')

    await user.click(within(dialog).getByRole('button', { name: 'Rename First' }))
    const input = within(dialog).getByRole('textbox', { name: 'Rename “First” to' })
    expect(document.activeElement).toBe(input)
    await user.keyboard('{Escape}')
    expect(within(dialog).queryByRole('textbox', { name: 'Rename “First” to' })).toBeNull()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Rename First' }))

    await user.click(within(dialog).getByRole('button', { name: 'Rename First' }))
    const again = within(dialog).getByRole('textbox', { name: 'Rename “First” to' })
    await user.clear(again)
    await user.type(again, 'second{Enter}')
    expect(within(dialog).getByRole('alert').textContent).toBe(
      'A view named “Second” already exists: choose another name.',
    )
    await user.clear(again)
    await user.type(again, 'Renamed{Enter}')
    const names = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.views-name')?.textContent)
    expect(names).toEqual(['Renamed', 'Second'])
    expect(within(dialog).getByText('Renamed “First” to “Renamed”.')).toBeTruthy()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Rename Renamed' }))
  })

  it('deletes after a confirmation; "Keep it" keeps it', async () => {
    goTo('?tz=UTC')
    const user = setup()
    const dialog = await openViews(user)
    await saveAs(user, dialog, 'Doomed')

    await user.click(within(dialog).getByRole('button', { name: 'Delete Doomed' }))
    expect(within(dialog).getByText('Delete “Doomed”? This cannot be undone.')).toBeTruthy()
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it' }))
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }))
    expect(within(dialog).getByText('Doomed', { selector: '.views-name' })).toBeTruthy()

    await user.click(within(dialog).getByRole('button', { name: 'Delete Doomed' }))
    await user.click(within(dialog).getByRole('button', { name: 'Yes, delete' }))
    expect(within(dialog).queryByText('Doomed', { selector: '.views-name' })).toBeNull()
    expect(within(dialog).getByText('Deleted “Doomed”.')).toBeTruthy()
    expect(JSON.parse(localStorage.getItem(VIEWS_KEY) ?? '{}').views).toEqual([])
  })

  it('copies a link that reproduces the view; without a clipboard it shows the link to copy', async () => {
    goTo('?tz=UTC&channel=Voice')
    const user = setup()
    // after userEvent.setup(), which puts its own clipboard in place
    const writeText = vi.fn<(text: string) => Promise<void>>().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const dialog = await openViews(user)
    await saveAs(user, dialog, 'Voice only')
    await user.click(within(dialog).getByRole('button', { name: 'Copy link to Voice only' }))
    expect(writeText).toHaveBeenCalledTimes(1)
    const url = new URL(writeText.mock.calls[0]?.[0] ?? '')
    expect(url.pathname).toBe('/')
    expect(url.searchParams.get('preset')).toBe('last7d')
    expect(url.searchParams.getAll('channel')).toEqual(['Voice'])
    expect(url.searchParams.get('tz')).toBe('UTC')
    expect(url.searchParams.get('sort')).toBe('-start')
    expect(url.searchParams.get('cols')?.split(',')).toContain('start')
    expect(within(dialog).getByText('Link to “Voice only” copied.')).toBeTruthy()

    writeText.mockRejectedValue(new DOMException('denied', 'NotAllowedError'))
    await user.click(within(dialog).getByRole('button', { name: 'Copy link to Voice only' }))
    const field = within(dialog).getByRole('textbox', { name: 'Link to Voice only' }) as HTMLInputElement
    expect(field.value).toBe(url.href)
    expect(document.activeElement).toBe(field)
  })

  it('says when the browser storage is full', async () => {
    goTo('?tz=UTC')
    const user = setup()
    const dialog = await openViews(user)
    const setItem = Storage.prototype.setItem
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key, value) {
      if (key === VIEWS_KEY) throw new DOMException('quota', 'QuotaExceededError')
      setItem.call(this, key, value)
    })
    await saveAs(user, dialog, 'Too much')
    expect(within(dialog).getByRole('alert').textContent).toMatch(/storage for the dashboard is full/)
    expect(within(dialog).getByText('No saved views yet.')).toBeTruthy()
  })

  it('ignores corrupt stored views', async () => {
    localStorage.setItem(VIEWS_KEY, '{"version":1,"views":[{"id":1}]')
    const user = setup()
    const dialog = await openViews(user)
    expect(within(dialog).getByText('No saved views yet.')).toBeTruthy()
  })
})
