import { describe, expect, it } from 'vitest'
import { changeOf } from './kpi-change'

describe('changeOf', () => {
  it('says the difference as the figure is written, and whether it is better for that figure', () => {
    expect(
      changeOf(
        { amount: 0.078, kind: 'share', better: 'down' },
        { amount: 0.086, kind: 'share', better: 'down' },
      ),
    ).toEqual({
      text: '▼ −0.8 pp',
      before: '8.6%',
      trend: 'better',
    })
    expect(
      changeOf({ amount: 3489, kind: 'count', better: 'up' }, { amount: 3529, kind: 'count', better: 'up' }),
    ).toEqual({
      text: '▼ −40',
      before: '3,529',
      trend: 'worse',
    })
    expect(
      changeOf(
        { amount: 574, kind: 'duration', better: null },
        { amount: 581, kind: 'duration', better: null },
      ),
    ).toMatchObject({
      text: '▼ −0:07',
      trend: 'neutral',
    })
  })

  it('calls a difference below what the figure shows no change, and says nothing without both values', () => {
    expect(
      changeOf(
        { amount: 61.2, kind: 'duration', better: 'down' },
        { amount: 61, kind: 'duration', better: 'down' },
      ),
    ).toMatchObject({
      text: '= no change',
      trend: 'same',
    })
    expect(
      changeOf({ amount: null, kind: 'score', better: 'up' }, { amount: 4, kind: 'score', better: 'up' }),
    ).toBeNull()
  })
})
