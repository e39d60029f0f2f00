// The numbers of CONTRACT.md "Protection and served pages", each defined once. They are defaults:
// tests and benchmarks pass their own where the app takes options.

/** A request that would wait longer than this for the rate budget is answered 503 at once. */
export const MAX_QUEUE_WAIT_MS = 2 * 60_000
/** A request arriving when this many already wait for the rate budget is answered 503. */
export const MAX_QUEUE_WAITING = 500
/** An upstream 429's Retry-After pauses the budget for at most this long (larger values are capped). */
export const MAX_RATE_PAUSE_MS = 5 * 60_000
/** Request bodies over this are answered 413. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024
/** An upstream answer larger than this is a 502, read no further and never cached. */
export const MAX_UPSTREAM_BODY_BYTES = 20 * 1024 * 1024
/** On SIGTERM the server ends every request still in flight within this, then exits. */
export const SHUTDOWN_GRACE_MS = 10_000
