// How a page request fails, for the engine and the range stream: the status and message the
// proxy would have answered (the message already says what to do next), and the wait it asked for.

export class PageError extends Error {
  override readonly name = 'PageError'
  constructor(
    readonly status: number,
    message: string,
    readonly extra: { upstreamStatus?: number; retryAfterSeconds?: number } = {},
  ) {
    super(message)
  }
}
