import { describe, expect, it } from 'vitest'
import { previousRange } from './compare'

describe('previousRange', () => {
  it('is the period of the same length that ends just before the range', () => {
    const week = { start: Date.UTC(2024, 10, 18), end: Date.UTC(2024, 10, 25) - 1 }
    expect(previousRange(week)).toEqual({ start: Date.UTC(2024, 10, 11), end: Date.UTC(2024, 10, 18) - 1 })
  })
})
