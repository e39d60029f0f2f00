// The categories a conversation counts under in the count charts and the filters alike, so that a
// chart's bar and the filter it drills into hold the same conversations. A conversation without a
// channel or a disposition is not left out: it has a category of its own.

import type { Conversation } from './conversation'
import { cleanText, distinctTexts } from './conversation-metrics'

export const NO_DISPOSITION = 'No disposition'
/** bot-only sessions without a disposition: no agent was there to give one, so not "No disposition" */
export const BOT_ONLY_NO_DISPOSITION = 'Bot only (no disposition)'
export const UNKNOWN_CHANNEL = 'Unknown channel'

/** The channel, trimmed; absent or blank is UNKNOWN_CHANNEL. */
export function channelCategory(c: Conversation): string {
  return cleanText(c.channel) ?? UNKNOWN_CHANNEL
}

/** The distinct dispositions; none is NO_DISPOSITION, or BOT_ONLY_NO_DISPOSITION for a bot-only session. */
export function dispositionCategories(c: Conversation): readonly string[] {
  const values = distinctTexts(c.dispositions)
  if (values.length > 0) return values
  return [c.botOnly ? BOT_ONLY_NO_DISPOSITION : NO_DISPOSITION]
}
