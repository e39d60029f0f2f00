import { describe, expect, it } from 'vitest'
import * as metrics from '../../api/conversation-metrics'
import {
  agentSegment,
  botOnlySession,
  conversation,
  queueVisit,
  sec,
  T0,
  transferredChat,
  voiceCall,
} from '../../test/conversation-fixtures'
import { rowsFor, toRow } from './row-model'

// The figures themselves are counted by hand in api/conversation-metrics.test.ts; these tests check
// that a row picks them up, trims and joins them for display.

describe('toRow', () => {
  it('takes every derived figure from conversation-metrics', () => {
    for (const c of [voiceCall, transferredChat, botOnlySession]) {
      const row = toRow(c)
      expect(row.durationSec).toBe(metrics.durationSec(c))
      expect(row.waitSec).toBe(metrics.waitSec(c))
      expect(row.firstResponseSec).toBe(metrics.firstResponseSec(c))
      expect(row.handleSec).toBe(metrics.handleSec(c))
      expect(row.holdSec).toBe(metrics.holdSec(c))
      expect(row.agentCount).toBe(metrics.respondingAgents(c).length)
      expect(row.transfers).toBe(metrics.transfers(c))
      expect(row.consults).toBe(metrics.consults(c))
      expect(row.callback).toBe(metrics.optedForCallback(c))
      expect(row.queueIds).toEqual(metrics.queueKeys(c))
    }
  })

  it('reads the one-segment call: agent, queue, consult, callback, first response, identity', () => {
    const row = toRow(voiceCall)
    expect(row).toMatchObject({
      id: 'c-185d9c5',
      conversationId: 'c-185d9c5',
      sessionId: '673b2973bfc7023ab2f00001',
      startTime: T0,
      durationSec: 151,
      channel: 'Voice',
      direction: 'Inbound',
      queues: 'Default Queue',
      queueIds: ['q-default'],
      agents: 'New Role 01',
      agentCount: 1,
      transfers: 0,
      consults: 1,
      callback: true,
      voicemail: false,
      csat: 4,
      waitSec: 16,
      firstResponseSec: 0,
      handleSec: 134,
      holdSec: 57,
      finalStatus: 'CLOSED',
      smartStatus: 'CLOSED',
      reason: 'RESOLVED',
      disconnectingEvent: 'Agent Hangup',
      dispositions: 'Resolved, Upsell',
      skills: 'English, Billing',
      customerName: 'Ada Lovelace',
      customerPhone: '+15550100',
      customerEmail: 'ada@example.com',
      botOnly: false,
    })
  })

  it('joins the agents and queues of a transferred conversation, each once', () => {
    const row = toRow(transferredChat)
    expect(row.agents).toBe('Agent One, Agent Three')
    expect(row.queues).toBe('Billing')
    const again = conversation({
      id: 'c-again',
      destinations: [
        queueVisit({
          queueId: 'q-sales',
          queueName: 'Sales',
          respondingAgent: agentSegment({ name: 'Ann', acceptedTime: T0 }),
        }),
        queueVisit({
          queueId: 'q-support',
          queueName: ' Support ',
          respondingAgent: agentSegment({ name: 'Ann', acceptedTime: T0 }),
        }),
        queueVisit({ queueId: 'q-sales', queueName: 'Sales', enterTime: T0 + sec(150) }),
      ],
    })
    expect(toRow(again)).toMatchObject({
      agents: 'Ann',
      queues: 'Sales, Support',
      queueIds: ['q-sales', 'q-support'],
    })
  })

  it('keeps a bot-only session with empty agent figures', () => {
    const row = toRow(botOnlySession)
    expect(row).toMatchObject({
      id: '68dbc0a7e2b1c3d4e5f60718',
      conversationId: null,
      botOnly: true,
      durationSec: 11,
      queues: null,
      queueIds: [],
      agents: null,
      agentCount: 0,
      transfers: 0,
      consults: 0,
      waitSec: null,
      handleSec: null,
      holdSec: null,
      firstResponseSec: null,
      callback: false,
      voicemail: null,
      csat: null,
      customerName: null,
      dispositions: null,
      skills: null,
    })
  })
})

describe('rowsFor', () => {
  it('derives each conversation once, across arrays', () => {
    const first = rowsFor([voiceCall, botOnlySession])
    expect(rowsFor([voiceCall, botOnlySession])[0]).toBe(first[0])
    const list = [botOnlySession, transferredChat]
    expect(rowsFor(list)).toBe(rowsFor(list))
    expect(rowsFor(list)[0]).toBe(first[1])
    expect(rowsFor([]).length).toBe(0)
  })
})
