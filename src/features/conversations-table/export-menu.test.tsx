import { act, render, renderHook, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { conversation } from '../../test/conversation-fixtures'
import { type ExportFile, ExportMenu } from './export-menu'
import { useHidePersonalData } from './privacy'
import { HidePersonalToggle } from './privacy-toggle'

const start = Date.parse('2024-11-18T11:48:03Z')
const rows = [
  conversation({
    conversationId: 'c-1',
    channel: 'Voice',
    sessionStartTime: start,
    customer: { name: 'Jane Doe', phone: '+13215550100', email: null, extra: {} },
    raw: { conversationId: 'c-1', customerinfo: { CustomerFirstName: 'Jane' } },
  }),
]
const range = { start: Date.parse('2024-11-17T18:30:00Z'), end: Date.parse('2024-11-24T18:29:59.999Z') }

describe('ExportMenu', () => {
  afterEach(() => vi.restoreAllMocks())

  it('downloads the rows as CSV named after the range', async () => {
    const onDownload = vi.fn<(file: ExportFile) => void>()
    const user = userEvent.setup()
    render(<ExportMenu conversations={rows} zone="Asia/Kolkata" range={range} onDownload={onDownload} />)
    await user.click(screen.getByRole('button', { name: 'Export' }))
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: /^Download CSV/ }))
    await user.keyboard('{Enter}')
    const file = onDownload.mock.calls[0]?.[0]
    expect(file?.name).toBe('conversations_2024-11-18_2024-11-24.csv')
    expect(file?.type).toBe('text/csv;charset=utf-8')
    expect(file?.text.split('\r\n')[1]).toMatch(
      /^2024-11-18T17:18:03\+05:30,,,Voice,.*,Jane Doe,'\+13215550100,,false,c-1,$/,
    )
    expect(screen.queryByRole('menu')).toBeNull()
  })

  it('downloads raw records as JSON, masked while personal data is hidden', async () => {
    const onDownload = vi.fn<(file: ExportFile) => void>()
    const user = userEvent.setup()
    render(<ExportMenu conversations={rows} zone="UTC" range={range} hidePersonal onDownload={onDownload} />)
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await user.click(screen.getByRole('menuitem', { name: /^Download JSON/ }))
    const file = onDownload.mock.calls[0]?.[0]
    expect(file?.name).toBe('conversations_2024-11-17_2024-11-24.json')
    expect(JSON.parse(file?.text ?? '')).toEqual([
      { conversationId: 'c-1', customerinfo: { CustomerFirstName: '•••' } },
    ])
  })

  it('saves through an object URL and <a download> by default', async () => {
    const createObjectURL = vi.fn(() => 'blob:x')
    const revokeObjectURL = vi.fn()
    // jsdom has no object URLs: lend them for this test
    const saved = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL }
    Object.assign(URL, { createObjectURL, revokeObjectURL })
    onTestFinished(() => {
      Object.assign(URL, saved)
    })
    let clicked: HTMLAnchorElement | null = null
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked = this
    })
    const user = userEvent.setup()
    render(<ExportMenu conversations={rows} zone="UTC" range={range} />)
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await user.click(screen.getByRole('menuitem', { name: /^Download CSV/ }))
    expect(createObjectURL).toHaveBeenCalledOnce()
    expect((clicked as HTMLAnchorElement | null)?.download).toBe('conversations_2024-11-17_2024-11-24.csv')
    await vi.waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith('blob:x'))
  })

  it('closes on Escape and is disabled with nothing to export', async () => {
    const user = userEvent.setup()
    const { rerender } = render(<ExportMenu conversations={rows} zone="UTC" range={range} />)
    await user.click(screen.getByRole('button', { name: 'Export' }))
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('menu')).toBeNull()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Export' }))
    rerender(<ExportMenu conversations={[]} zone="UTC" range={range} />)
    expect((screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('Hide personal data', () => {
  it('is a switch remembered in this browser', async () => {
    window.localStorage.clear()
    const { result } = renderHook(() => useHidePersonalData())
    expect(result.current[0]).toBe(false)
    const user = userEvent.setup()
    const { rerender } = render(
      <HidePersonalToggle hidden={result.current[0]} onChange={result.current[1]} />,
    )
    await user.click(screen.getByRole('switch', { name: 'Hide personal data' }))
    expect(result.current[0]).toBe(true)
    rerender(<HidePersonalToggle hidden={result.current[0]} onChange={result.current[1]} />)
    expect((screen.getByRole('switch', { name: 'Hide personal data' }) as HTMLInputElement).checked).toBe(
      true,
    )
    expect(renderHook(() => useHidePersonalData()).result.current[0]).toBe(true)
    act(() => result.current[1](false))
    expect(window.localStorage.length).toBe(0)
  })
})
