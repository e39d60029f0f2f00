import { describe, expect, it } from 'vitest'
import { agent, conversation, queue } from '../../test/conversation-fixtures'
import { CSV_COLUMNS, conversationsToCsv, csvField, isoInZone, toCsv } from './export-csv'
import { exportFileName } from './export-file'
import { conversationsToJson } from './export-json'

describe('toCsv', () => {
  it('writes RFC 4180 text: CRLF, quoted fields with doubled quotes, neutralised formulas', () => {
    const columns = [
      { id: 'note', header: 'Note' },
      { id: 'cmd', header: 'Cmd' },
      { id: 'n', header: 'Wait, s' },
      { id: 'neg', header: 'Neg' },
      { id: 'ok', header: 'OK' },
      { id: 'none', header: 'None' },
    ]
    const rows = [
      { note: 'She said "hi", then\r\nleft', cmd: '=cmd()', n: 12.5, neg: -5, ok: true, none: null },
      { note: 'plain', cmd: '=HYPERLINK("http://x","y")', n: 0, neg: '-2+3', ok: false, none: '' },
      { note: '@SUM(A1)', cmd: '+1321', n: Number.NaN, neg: '\tTAB', ok: null, none: 'line\nbreak' },
    ]
    expect(toCsv(rows, columns)).toBe(
      'Note,Cmd,"Wait, s",Neg,OK,None\r\n' +
        '"She said ""hi"", then\r\nleft",\'=cmd(),12.5,-5,true,\r\n' +
        'plain,"\'=HYPERLINK(""http://x"",""y"")",0,\'-2+3,false,\r\n' +
        "'@SUM(A1),'+1321,,'\tTAB,,\"line\nbreak\"\r\n",
    )
  })

  it('neutralises every formula start, and only at the start', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\t=1', '\r=1'])
      expect(csvField(s).replace(/^"/, '').startsWith("'")).toBe(true)
    expect(csvField('a=1')).toBe('a=1')
    expect(csvField(-3)).toBe('-3')
    expect(csvField('')).toBe('')
  })

  it('writes only the header line for no rows', () => {
    expect(toCsv([], [{ id: 'a', header: 'A' }])).toBe('A\r\n')
  })
})

describe('conversation export', () => {
  const start = Date.parse('2024-11-18T11:48:03Z')
  const c = conversation({
    conversationId: 'c-1',
    sessionId: '673b2973aaaa',
    channel: 'Voice',
    direction: 'Inbound',
    finalStatus: 'CLOSED',
    dispositions: ['Paid', '=evil()'],
    sessionStartTime: start,
    endTime: start + 125_000,
    customer: { name: 'Jane "JD" Doe', phone: '+13215550100', email: 'jane@example.com', extra: {} },
    destinations: [
      queue(
        'q-bill',
        'Billing',
        agent('u-ada', 'Ada Agent', {
          acceptedTime: start + 20_000,
          interactionDurationSec: 90,
          holdSec: 30,
          afterCallWorkSec: 15,
        }),
        { enterTime: start + 5_000 },
      ),
    ],
  })

  it('formats times as ISO 8601 with the display zone offset', () => {
    expect(isoInZone(start, 'Asia/Kolkata')).toBe('2024-11-18T17:18:03+05:30')
    expect(isoInZone(start, 'America/New_York')).toBe('2024-11-18T06:48:03-05:00')
    expect(isoInZone(null, 'UTC')).toBeNull()
    expect(isoInZone(start, 'UTC')).toBe('2024-11-18T11:48:03+00:00')
    // across New York's spring-forward (2024-03-10 02:00 local does not exist)
    expect(isoInZone(Date.parse('2024-03-10T06:59:59Z'), 'America/New_York')).toBe(
      '2024-03-10T01:59:59-05:00',
    )
    expect(isoInZone(Date.parse('2024-03-10T07:00:00Z'), 'America/New_York')).toBe(
      '2024-03-10T03:00:00-04:00',
    )
    // a zone with a 45-minute offset, and milliseconds dropped (not rounded)
    expect(isoInZone(Date.parse('2024-11-18T11:48:03.999Z'), 'Asia/Kathmandu')).toBe(
      '2024-11-18T17:33:03+05:45',
    )
  })

  it('writes the default columns over Conversation fields', () => {
    const csv = conversationsToCsv([c], CSV_COLUMNS, { zone: 'Asia/Kolkata' })
    const [header, line, end] = csv.split('\r\n')
    expect(header).toBe(
      'Start,End,Duration (s),Channel,Direction,Queues,Agents,Final status,Smart status,Reason,Dispositions,' +
        'Wait (s),Handle (s),Hold (s),Customer name,Customer phone,Customer email,Bot only,Conversation ID,Session ID',
    )
    expect(line).toBe(
      '2024-11-18T17:18:03+05:30,2024-11-18T17:20:08+05:30,125,Voice,Inbound,Billing,Ada Agent,CLOSED,,,' +
        'Paid; =evil(),15,105,30,"Jane ""JD"" Doe",\'+13215550100,jane@example.com,false,c-1,673b2973aaaa',
    )
    expect(end).toBe('')
  })

  it('masks the customer when personal data is hidden', () => {
    const csv = conversationsToCsv([c], CSV_COLUMNS, { zone: 'UTC', hidePersonal: true })
    expect(csv).not.toContain('Jane')
    expect(csv).not.toContain('13215550100')
    expect(csv).not.toContain('jane@example.com')
  })

  it('accepts the table’s columns (value(c) only)', () => {
    const columns = [{ id: 'id', header: 'Id', value: (x: typeof c) => x.id }]
    expect(conversationsToCsv([c], columns, { zone: 'UTC' })).toBe('Id\r\nc-1\r\n')
  })

  it('exports the raw records as a JSON array, masked on request', () => {
    const raw = { conversationId: 'c-1', customerinfo: { CustomerEmail: 'jane@example.com' } }
    const withRaw = conversation({ conversationId: 'c-1', raw })
    expect(JSON.parse(conversationsToJson([withRaw]))).toEqual([raw])
    expect(conversationsToJson([withRaw], { hidePersonal: true })).not.toContain('jane@example.com')
  })

  it('names files after the range’s days in the display zone', () => {
    const range = { start: Date.parse('2024-11-17T18:30:00Z'), end: Date.parse('2024-11-24T18:29:59.999Z') }
    expect(exportFileName(range, 'Asia/Kolkata', 'csv')).toBe('conversations_2024-11-18_2024-11-24.csv')
    expect(exportFileName(range, 'UTC', 'json')).toBe('conversations_2024-11-17_2024-11-24.json')
  })
})
