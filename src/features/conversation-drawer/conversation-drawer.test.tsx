import { fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it, vi } from 'vitest'
import type { Conversation } from '../../api/conversation'
import older from '../../api/fixtures/sample-response.json' with { type: 'json' }
import newer from '../../api/fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from '../../api/normalize'
// jsdom 29's <dialog> has no showModal()/close() and ignores Escape
import '../../test/dialog-polyfill'
import { ConversationDrawer } from './conversation-drawer'

// the samples were fetched with India's offset (api-notes.md); show them in India time
const opts = { timeZoneOffset: -330 }
const olderList = normalizeResponse(older, opts).conversations
const newerList = normalizeResponse(newer, opts).conversations
const ZONE = 'Asia/Kolkata'

function byId(list: Conversation[], prefix: string): Conversation {
  const c = list.find((x) => x.id.startsWith(prefix))
  if (c === undefined) throw new Error(`no conversation ${prefix}`)
  return c
}

const call = byId(olderList, 'c-185d9c5')
const CALL_ID = 'c-185d9c5-9ac3-4313-8073-8697b2a6xxxx'
const bot = byId(newerList, '68db7457')
const BOT_SESSION = '68db745779cb8cebd651aa01'

function open(c: Conversation | null, over: Partial<Parameters<typeof ConversationDrawer>[0]> = {}) {
  const onClose = vi.fn()
  const props = {
    conversation: c,
    requestedId: c === null ? 'c-not-here' : (c.conversationId ?? c.sessionId),
    zone: ZONE,
    hidePersonal: false,
    onClose,
    ...over,
  }
  const view = render(<ConversationDrawer {...props} />)
  return { ...view, onClose, props }
}

/** The summary's value for a term. */
function summaryValue(term: string): string {
  const dt = screen.getAllByText(term, { selector: 'dt' })[0]
  return dt?.nextElementSibling?.textContent ?? ''
}

/** A page with a button that opens the drawer, as the table opens it. */
function Page() {
  const [id, setId] = useState<string | null>(null)
  return (
    <>
      <button type="button" onClick={() => setId(CALL_ID)}>
        Open {CALL_ID}
      </button>
      <ConversationDrawer
        conversation={id === null ? null : call}
        requestedId={id}
        zone={ZONE}
        hidePersonal={false}
        onClose={() => setId(null)}
      />
    </>
  )
}

describe('ConversationDrawer', () => {
  it('renders nothing while no conversation is requested', () => {
    open(call, { requestedId: null })
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('is a modal dialog named with the conversationId, with focus inside', () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal')
    open(call)
    const dialog = screen.getByRole('dialog', { name: new RegExp(CALL_ID) })
    // a native <dialog> opened with showModal(): the browser makes the page behind inert and keeps Tab
    // inside (jsdom cannot show that; e2e/keyboard.spec.ts does, in Chromium)
    expect(dialog).toBeInstanceOf(HTMLDialogElement)
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(showModal.mock.contexts[0]).toBe(dialog)
    expect((dialog as HTMLDialogElement).open).toBe(true)
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(dialog)
    showModal.mockRestore()
    expect(summaryValue('Channel')).toBe('Voice')
    expect(summaryValue('Direction')).toBe('Inbound')
    expect(summaryValue('Started')).toBe('2024-11-18 17:18:03')
    // the end is the agent's hang-up, three seconds after sessionEndTime
    expect(summaryValue('Ended')).toBe('2024-11-18 17:20:04 (session ended 17:20:01)')
    expect(summaryValue('Duration')).toBe('2:01')
    expect(summaryValue('Disconnecting event')).toBe('Agent Hangup')
    expect(summaryValue('Voicemail')).toBe('No')
    expect(summaryValue('Handled by bot only')).toBe('No')
  })

  it('names a bot-only record’s dialog with its sessionId', () => {
    open(bot)
    const dialog = screen.getByRole('dialog', { name: new RegExp(BOT_SESSION) })
    expect(within(dialog).getByText('Bot only')).toBeTruthy()
    expect(summaryValue('Handled by bot only')).toBe('Yes')
    expect(summaryValue('Final status')).toBe('BotResolved')
    expect(summaryValue('Smart status')).toBe('CLOSED AT BOT')
    // no agents: no per-agent table
    expect(screen.queryByRole('table')).toBeNull()
  })

  it('lists c-185d9c5’s timeline in time order, hold inside the 104 s interaction', () => {
    open(call)
    const items = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem')
    const text = items.map((li) => [
      li.querySelector('.cd-time')?.textContent,
      li.querySelector('.cd-label')?.textContent,
    ])
    expect(text).toEqual([
      ['17:18:03', 'Session started'],
      ['17:18:04', 'Entered queue Default Queue'],
      ['17:18:05', 'Assigned to New Role 01'],
      ['17:18:20', 'Accepted by New Role 01'],
      ['17:18:20', 'First response from New Role 01'],
      ['17:18:41', 'Consulted UATAug14th 01'],
      ['17:20:01', 'Session end recorded'],
      ['17:20:04', 'Interaction with New Role 01 ended'],
      ['17:20:04', 'Conversation ended'],
    ])
    expect(items[3]?.textContent).toContain('waited 0:16 in the queue')
    expect(items[7]?.textContent).toContain('interaction 1:44 · talk 0:47 · hold 0:57')

    // per agent: interaction 104 s = talk 47 s + hold 57 s; no after-call work: handle = interaction
    const table = screen.getByRole('table')
    const row = within(table).getByRole('row', { name: /New Role 01/ })
    expect(
      within(row)
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['0:16', '1:44', '0:47', '0:57', '—', '1:44'])
  })

  it('marks events without a time as "time unknown"', () => {
    // c-66a640e's queue entry has no EnterTime
    open(byId(olderList, 'c-66a640e'))
    const items = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem')
    expect(items[1]?.textContent).toMatch(/^time unknownEntered queue/)
  })

  it('closes on Escape and on Close, and gives focus back to where it was', async () => {
    const user = userEvent.setup()
    render(<Page />)
    const trigger = screen.getByRole('button', { name: /^Open/ })
    await user.click(trigger)
    expect(screen.getByRole('dialog').contains(document.activeElement)).toBe(true)
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(trigger)

    await user.click(trigger)
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(document.activeElement).toBe(trigger)
  })

  it('calls onClose on Escape', async () => {
    const user = userEvent.setup()
    const { onClose } = open(call)
    await user.keyboard('{Escape}')
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it('calls onClose once when the browser closes the dialog itself', async () => {
    // Chrome fires a cancel that cannot be cancelled (no user activation since the last one) and closes
    const { onClose } = open(call)
    const dialog = screen.getByRole('dialog') as HTMLDialogElement
    dialog.dispatchEvent(new Event('cancel', { cancelable: false }))
    dialog.close()
    await new Promise((r) => setTimeout(r, 10))
    expect(onClose).toHaveBeenCalledTimes(1)

    // closed without a cancel at all (a close watcher, a form): onClose too
    onClose.mockClear()
    dialog.showModal()
    dialog.close()
    await new Promise((r) => setTimeout(r, 10))
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it('calls onClose on a click on the backdrop, not on one inside the panel', async () => {
    const user = userEvent.setup()
    const { onClose } = open(call)
    const dialog = screen.getByRole('dialog')
    await user.click(screen.getByRole('heading', { name: /Summary/ }))
    expect(onClose).not.toHaveBeenCalled()
    // a press that starts in the panel and ends on the backdrop (selecting text) does not close
    fireEvent.pointerDown(screen.getByText('Raw record'))
    fireEvent.click(dialog)
    expect(onClose).not.toHaveBeenCalled()
    // the ::backdrop belongs to the <dialog>: a click there has the dialog itself as its target
    await user.click(dialog)
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it('keeps the page behind from scrolling while open', () => {
    document.body.style.overflow = 'auto'
    const { unmount } = open(call)
    expect(document.body.style.overflow).toBe('hidden')
    unmount()
    expect(document.body.style.overflow).toBe('auto')
    document.body.style.overflow = ''
  })

  it('hides the customer’s phone in the summary and the raw JSON when hidePersonal', async () => {
    const user = userEvent.setup()
    const PHONE = '+1234567890'
    const shown = open(call)
    expect(summaryValue('Customer phone')).toBe(PHONE)
    expect(screen.getByText(/"CustomerPhone"/, { selector: 'pre' }).textContent).toContain(PHONE)
    shown.unmount()

    open(call, { hidePersonal: true })
    expect(summaryValue('Customer phone')).toBe('•••')
    await user.click(screen.getByText('Raw record'))
    const json = screen.getByText(/"CustomerPhone"/, { selector: 'pre' }).textContent ?? ''
    expect(json).not.toContain(PHONE)
    expect(json).toContain('"CustomerPhone": "•••"')
    // what is not personal stays
    expect(json).toContain('"queueName": "Default Queue"')
    expect(screen.getByRole('dialog').textContent).not.toContain(PHONE)
  })

  it('copies the raw JSON', async () => {
    const user = userEvent.setup()
    open(bot)
    await user.click(screen.getByText('Raw record'))
    await user.click(screen.getByRole('button', { name: 'Copy JSON' }))
    expect(JSON.parse(await navigator.clipboard.readText()).sessionId).toBe(BOT_SESSION)
    expect(await screen.findByText('Copied')).toBeTruthy()
  })

  it('says so when the id is not in the loaded range, in a dialog named with the id', async () => {
    const user = userEvent.setup()
    const { onClose } = open(null, { requestedId: 'c-unknown-42' })
    const dialog = screen.getByRole('dialog', { name: /c-unknown-42/ })
    expect(dialog.textContent).toContain('No conversation c-unknown-42 in the loaded range')
    await user.click(within(dialog).getByRole('button', { name: 'Close' }))
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it('says Loading… while the range loads', () => {
    open(null, { requestedId: CALL_ID, loading: true })
    const dialog = screen.getByRole('dialog', { name: new RegExp(CALL_ID) })
    expect(within(dialog).getByText('Loading…')).toBeTruthy()
    // the page's one role=status is the conversation count (CONTRACT.md)
    expect(within(dialog).queryByRole('status')).toBeNull()
    expect(dialog.textContent).not.toContain('No conversation')
  })
})
