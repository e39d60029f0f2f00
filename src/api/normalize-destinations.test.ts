// Consulting agents: which ones are external numbers. Only a consultant without an agentId whose name
// is a phone number is external; a named consultant the record did not give an id stays an agent.

import { describe, expect, it } from 'vitest'
import type { ConsultingAgent } from './conversation'
import { normalizeRecord } from './normalize'
import { isPhoneLike } from './normalize-destinations'

/** The consulting agents of a one-queue record whose agent consulted `consulting`. */
function consultantsOf(consulting: unknown[]): ConsultingAgent[] {
  const raw = {
    conversationId: 'c-consults',
    destinations: [
      {
        destinationType: 'QueueEntry',
        queueId: 'q-1',
        queueName: 'Support',
        respondingAgent: {
          destinationType: 'AgentSegment',
          agentId: 'u-1',
          name: 'Agent One',
          status: 'Answered',
          ConsultingAgents: consulting,
        },
      },
    ],
  }
  const d = normalizeRecord(raw, 0, { timeZoneOffset: 0 }).conversation.destinations[0]
  if (d?.kind !== 'queue' || d.respondingAgent === null) throw new Error('expected an answered queue')
  return d.respondingAgent.consultingAgents
}

describe('isPhoneLike', () => {
  it('accepts phone numbers in the usual spellings', () => {
    for (const n of [
      '+919550000001',
      '+1 (555) 010-0199',
      '555-0100 22',
      '0044 20 7946 0958',
      '555.010.0199',
    ])
      expect(isPhoneLike(n), n).toBe(true)
  })

  it('rejects names, short codes, blanks and mixed text', () => {
    for (const n of [
      null,
      '',
      '   ',
      'Agent Five',
      'UATAug14th 01',
      '12345',
      '+1 23-45',
      'ext 5550100',
      'Bo +15550100',
    ])
      expect(isPhoneLike(n), String(n)).toBe(false)
  })
})

describe('consulting agents: external flag', () => {
  it('is external for a phone number without agentId', () => {
    const [c] = consultantsOf([{ name: '+919550000001', isMerged: true }])
    expect(c).toMatchObject({ agentId: null, name: '+919550000001', external: true, isMerged: true })
  })

  it('is not external for a named consultant without agentId', () => {
    const [c] = consultantsOf([{ name: 'Agent Five', email: 'agent.five@example.com' }])
    expect(c).toMatchObject({ agentId: null, name: 'Agent Five', external: false })
  })

  it('is not external for an agent with an agentId, even one named by a number', () => {
    const list = consultantsOf([
      { agentId: 'u-5', name: 'Agent Five' },
      { agentId: 'u-6', name: '+15550100199' },
    ])
    expect(list.map((c) => c.external)).toEqual([false, false])
  })

  it('is not external when nothing names the consultant', () => {
    const [c] = consultantsOf([{ isMerged: false }])
    expect(c?.external).toBe(false)
  })

  it('reads a bare value as a name: a number is external, a name is not', () => {
    const list = consultantsOf(['+91 95500 00001', 919550000001, 'Agent Five'])
    expect(list.map((c) => [c.name, c.external])).toEqual([
      ['+91 95500 00001', true],
      ['919550000001', true],
      ['Agent Five', false],
    ])
  })
})
