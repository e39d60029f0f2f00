import { describe, expect, it } from 'vitest'
import { serviceLevelFromUrl } from './service-level-url'

describe('serviceLevelFromUrl', () => {
  const of = (search: string) => serviceLevelFromUrl(new URLSearchParams(search))

  it('reads whole seconds from 1 to 3600, 20 when absent', () => {
    expect(of('')).toEqual({ sec: 20, problem: null })
    expect(of('sl=30')).toEqual({ sec: 30, problem: null })
    expect(of('sl=3600')).toEqual({ sec: 3600, problem: null })
  })

  it('says what is wrong with any other value and uses 20', () => {
    for (const bad of ['abc', '0', '-5', '2.5', '3601', ''])
      expect(of(`sl=${bad}`)).toEqual({ sec: 20, problem: expect.stringContaining(`"sl=${bad}"`) })
  })
})
