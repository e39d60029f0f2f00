import { describe, expect, it } from 'vitest'
import { conversation, queueVisit } from '../test/conversation-fixtures'
import { fillQueueNames } from './queue-names'

describe('queue names across a range', () => {
  it('names a queue entry that came without a name from another record with the same id', () => {
    const named = conversation({
      id: 'a',
      destinations: [queueVisit({ queueId: 'q1', queueName: 'Billing' })],
    })
    const unnamed = conversation({ id: 'b', destinations: [queueVisit({ queueId: 'q1', queueName: null })] })
    const unknown = conversation({ id: 'c', destinations: [queueVisit({ queueId: 'q9', queueName: null })] })
    const [a, b, c] = fillQueueNames([named, unnamed, unknown])
    expect(a).toBe(named)
    expect(b?.destinations[0]).toMatchObject({ queueId: 'q1', queueName: 'Billing' })
    expect(b?.raw).toBe(unnamed.raw)
    expect(c).toBe(unknown)
  })

  it('returns the same array when every queue is named', () => {
    const list = [
      conversation({ id: 'a', destinations: [queueVisit({ queueId: 'q1', queueName: 'Billing' })] }),
    ]
    expect(fillQueueNames(list)).toBe(list)
  })
})
