// JSON export: the raw records of the exported conversations, as the API sent them, in one array
// (the customer's data masked when "Hide personal data" is on).

import type { Conversation } from '../../api/conversation'
import { maskRaw } from '../../api/privacy-mask'

export type JsonExportOptions = { hidePersonal?: boolean }

/** The raw records as a pretty-printed JSON array (one record per conversation, in the given order). */
export function conversationsToJson(
  conversations: readonly Conversation[],
  opts: JsonExportOptions = {},
): string {
  const records = conversations.map((c) => (opts.hidePersonal ? maskRaw(c.raw) : c.raw) ?? null)
  return `${JSON.stringify(records, null, 2)}\n`
}
