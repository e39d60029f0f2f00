import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RangeLoad } from '../api/range-load'
import { rangeLoad } from '../test/conversation-fixtures'
import { LoadNotices } from './load-notices'

const load = (warnings: RangeLoad['warnings']) => rangeLoad({ warnings })

describe('LoadNotices', () => {
  it('counts odd records once each and says a warning about the whole response in its own words', () => {
    render(
      <LoadNotices
        load={load([
          { index: 0, id: 'c1', message: 'a' },
          { index: 0, id: 'c1', message: 'b' },
          { index: 1, id: 'c2', message: 'c' },
          { index: -1, id: null, message: 'times look shifted by +5:30' },
        ])}
        error={null}
        zone="UTC"
        onRetry={() => {}}
      />,
    )
    expect(screen.getByText(/2 records had unexpected fields/)).toBeTruthy()
    expect(screen.getByRole('note').textContent).toBe('Check the data: times look shifted by +5:30.')
  })
})
