// The drawer's timeline picture and its new sections, rendered: lanes, focusable marks named with
// their times, and agent notes, joined users, skills and tags. Times shown in UTC.

import { cleanup, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Conversation } from '../../api/conversation'
import older from '../../api/fixtures/sample-response.json' with { type: 'json' }
import newer from '../../api/fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from '../../api/normalize'
import { ConversationDrawer } from './conversation-drawer'
import { transferWithEverything } from './timeline-fixtures'

const opts = { timeZoneOffset: -330 }
const olderList = normalizeResponse(older, opts).conversations
const newerList = normalizeResponse(newer, opts).conversations
const byId = (list: Conversation[], prefix: string) => {
  const c = list.find((x) => x.id.startsWith(prefix))
  if (c === undefined) throw new Error(`no conversation ${prefix}`)
  return c
}

function open(c: Conversation, zone = 'UTC', hidePersonal = false) {
  render(
    <ConversationDrawer
      conversation={c}
      requestedId={c.conversationId ?? c.sessionId}
      zone={zone}
      hidePersonal={hidePersonal}
      onClose={() => {}}
    />,
  )
  return screen.getByRole('dialog')
}

const chart = () => screen.getByRole('group', { name: 'Timeline chart' })
const lanes = () => within(chart()).getAllByRole('group')
const HHMMSS = /\d\d:\d\d:\d\d/

describe('the timeline picture', () => {
  it('has one lane per queue and per agent for a transfer with a consult, hold and after-call work', () => {
    open(transferWithEverything)
    expect(lanes().map((l) => l.getAttribute('aria-label'))).toEqual([
      'Session',
      'Queue Billing',
      'Agent Ada',
      'Agent Agent One',
      'Queue Support',
      'Agent Agent Three',
    ])
    const one = within(chart()).getByRole('group', { name: 'Agent Agent One' })
    const names = within(one)
      .getAllByRole('img')
      .map((m) => m.getAttribute('aria-label'))
    expect(names).toEqual([
      'Offered to Agent One in Billing, ringing: 11:48:33 – 11:48:38 (0:05), until accepted',
      'Interaction with Agent One in Billing: 11:48:38 – 11:50:33 (1:55), talk 1:15 + hold 0:40',
      'Hold 0:40 during the interaction with Agent One, somewhere between 11:48:38 and 11:50:33, when within the call is not recorded',
      'First response from Agent One: 11:48:43, 0:05 after acceptance',
      'Agent One consulted Agent Five: 11:49:03 – 11:49:33 (0:30), answered 0:05 after it was offered, merged into the call',
      'After-call work by Agent One: 11:50:33 – 11:51:03 (0:30)',
    ])
    // placed on one axis from 11:48:03 to 11:53:33 (330 s): the wait in Billing is 10–35 s
    const wait = within(chart()).getByRole('img', { name: /^Queue wait in Billing/ })
    expect(Number.parseFloat(wait.style.left)).toBeCloseTo((10 / 330) * 100, 3)
    expect(Number.parseFloat(wait.style.width)).toBeCloseTo((25 / 330) * 100, 3)
    // the legend names what the marks are, hold's honesty included
    const legend = within(chart()).getByRole('list', { name: 'Legend' })
    expect(legend.textContent).toContain('Hold (total; when is not recorded)')
  })

  it('makes every mark focusable, named with its times, the tooltip saying the same', async () => {
    const user = userEvent.setup()
    open(transferWithEverything)
    const marks = within(chart()).getAllByRole('img')
    expect(marks).toHaveLength(15)
    for (const m of marks) {
      expect(m.tabIndex).toBe(0)
      expect(m.getAttribute('aria-label')).toMatch(HHMMSS)
      expect(m.querySelector('.cd-tip')?.textContent).toBe(m.getAttribute('aria-label'))
    }
    // the keyboard reaches the marks in lane order
    const names: string[] = []
    for (let i = 0; i < 40 && names.length < 4; i++) {
      await user.tab()
      const label = document.activeElement?.getAttribute('aria-label')
      if (document.activeElement?.getAttribute('role') === 'img' && label) names.push(label)
    }
    expect(names).toEqual([
      'Bot, before the first queue or agent: 11:48:03 – 11:48:13 (0:10)',
      'Session end recorded: 11:50:43, not the end of the conversation, which went on 2:50 longer',
      'Conversation ended: 11:53:33, CLOSED · Agent Hangup',
      'Queue wait in Billing: 11:48:13 – 11:48:38 (0:25), until Agent One accepted',
    ])
  })

  it('shows axis ticks and the span in the display zone', () => {
    open(transferWithEverything, 'Asia/Kolkata')
    expect(chart().textContent).toContain('17:18:03 – 17:23:33')
    expect(chart().querySelector('.cd-axis')?.textContent).toBe('17:1917:2017:2117:2217:23')
    expect(
      within(chart())
        .getByRole('img', { name: /^Queue wait in Billing/ })
        .getAttribute('aria-label'),
    ).toBe('Queue wait in Billing: 17:18:13 – 17:18:38 (0:25), until Agent One accepted')
  })

  it('draws a bot-only session as one bot lane', () => {
    open(byId(newerList, '68db7457'), 'Asia/Kolkata')
    expect(lanes().map((l) => l.getAttribute('aria-label'))).toEqual(['Bot'])
    expect(
      within(chart())
        .getAllByRole('img')
        .map((m) => m.getAttribute('aria-label')),
    ).toEqual(['Bot session: 11:40:31 – 11:40:42 (0:11)', 'Session ended: 11:40:42, BotResolved'])
  })

  it('lists what has no time, and keeps the lane of a queue entered at an unknown time', () => {
    open(byId(olderList, 'c-66a640e'), 'Asia/Kolkata')
    const q = within(chart()).getByRole('group', { name: /^Queue qu-04e6978/ })
    expect(q.textContent).toBe('time unknown')
    expect(chart().textContent).toContain('Not on the chart, the record gives no time:')
    expect(chart().textContent).toContain(
      'Entry into queue qu-04e6978-6011-49d6-929d-cd715080xxxx: time unknown',
    )
  })
})

describe('the drawer’s notes, joined users, skills and tags', () => {
  const section = (name: string | RegExp) => screen.getByRole('region', { name })

  it('shows each agent’s notes, who joined, the skills and the tags', () => {
    open(transferWithEverything)
    const notes = section(/^Agent notes/)
    expect(
      within(notes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Ada did not respond in Billing (Ignored)Was on another call.',
      'Agent One answered in BillingCustomer disputed a charge.\nMoved to Support for the refund.',
    ])
    expect(section('Joined users').textContent).toBe(
      'Joined usersSam Supervisor sam@example.com joined Agent One’s segment in Billing',
    )
    expect(
      within(section('Skills'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['English', 'Refunds'])
    const tags = section('Tags')
    expect(within(tags).getByText('tier').nextElementSibling?.textContent).toBe('gold')
    expect(within(tags).getByText('entryPoint').nextElementSibling?.textContent).toBe('IVR main menu')
    expect(within(tags).getByRole('heading', { name: 'User tags' })).toBeTruthy()
    expect(within(tags).getByRole('heading', { name: 'Session tags' })).toBeTruthy()
  })

  it('omits the sections a record has nothing for', () => {
    open(byId(newerList, '68db7457'))
    for (const name of [/^Agent notes/, /^Joined users/, /^Skills/, /^Tags/])
      expect(screen.queryByRole('region', { name })).toBeNull()
  })

  it('reads the sample’s notes and session tags, and hides notes and personal tags when asked', () => {
    const c = byId(olderList, 'c-185d9c5')
    open(c)
    expect(section(/^Agent notes/).textContent).toContain(
      'New Role 01 answered in Default QueueThe customer requested to be transferred',
    )
    expect(within(section('Tags')).getByText('callerNumber').nextElementSibling?.textContent).toBe(
      '+1234567890',
    )
    cleanup()
    open(c, 'UTC', true)
    expect(section(/^Agent notes/).textContent).toContain('•••')
    expect(within(section('Tags')).getByText('callerNumber').nextElementSibling?.textContent).toBe('•••')
  })
})
