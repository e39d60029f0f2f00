// The call-details API's published limits (calldetails-api.txt, CONTRACT.md): one definition for the
// page, the proxy, the fetch engine and the synthetic SmartAssist.

/** records per page at most */
export const MAX_LIMIT = 100
/** `offset` counts pages: 0..10, so one query reaches 11 pages */
export const MAX_OFFSET = 10
/** end − start at most 7 × 24 h + 1 h: seven calendar days across a daylight-saving change pass */
export const MAX_RANGE_MS = 7 * 24 * 3_600_000 + 3_600_000
