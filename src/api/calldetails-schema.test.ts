import { describe, expect, it } from 'vitest'
import {
  callDetailsEnvelopeSchema,
  callDetailsRecordSchema,
  callDetailsResponseSchema,
} from './calldetails-schema'
import older from './fixtures/sample-response.json' with { type: 'json' }
import newer from './fixtures/sample-response-newer.json' with { type: 'json' }
import { normalizeResponse } from './normalize'

describe('call-details schema', () => {
  it('describes both samples, bot-only session included', () => {
    const a = callDetailsResponseSchema.safeParse(older)
    const b = callDetailsResponseSchema.safeParse(newer)
    expect(a.error?.issues ?? []).toEqual([])
    expect(b.error?.issues ?? []).toEqual([])
  })

  it('accepts fields it does not know (the API adds fields over time)', () => {
    const rec = { ...older.data[0], brandNewField: { x: 1 } }
    expect(callDetailsRecordSchema.safeParse(rec).success).toBe(true)
  })

  it('rejects documented fields of the wrong type, which the normalizer still reads around', () => {
    const rec = {
      conversationId: 'c-1',
      destinations: [{ destinationType: 'AgentSegment', interactionDuration: {} }],
    }
    expect(callDetailsRecordSchema.safeParse(rec).success).toBe(false)
    const page = normalizeResponse({ data: [rec] }, { timeZoneOffset: 0 })
    expect(page.conversations).toHaveLength(1)
    expect(page.conversations[0]?.destinations).toHaveLength(1)
    expect(page.warnings).toHaveLength(1)
  })

  it('checks only the envelope at runtime: a page whose records are odd still passes', () => {
    expect(callDetailsEnvelopeSchema.safeParse({ numResults: 'x', data: [null, 1] }).success).toBe(true)
    expect(callDetailsEnvelopeSchema.safeParse({ numResults: 1 }).success).toBe(false)
  })
})
