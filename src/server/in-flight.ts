/**
 * Concurrent identical requests share one upstream call. Each caller may abort on its own; the
 * shared call is aborted only when every caller has gone.
 */
export type InFlight<T> = {
  run(
    key: string,
    signal: AbortSignal,
    start: (signal: AbortSignal) => Promise<T>,
  ): Promise<{ value: T; shared: boolean }>
  readonly size: number
}

type Call<T> = { promise: Promise<T>; controller: AbortController; callers: number }

export function createInFlight<T>(): InFlight<T> {
  const calls = new Map<string, Call<T>>()

  return {
    run(key, signal, start) {
      if (signal.aborted) return Promise.reject(signal.reason)
      let call = calls.get(key)
      const shared = call !== undefined
      if (!call) {
        const controller = new AbortController()
        const created: Call<T> = { promise: start(controller.signal), controller, callers: 0 }
        const forget = () => {
          if (calls.get(key) === created) calls.delete(key)
        }
        created.promise.then(forget, forget)
        calls.set(key, created)
        call = created
      }
      const joined = call
      joined.callers++
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          joined.callers--
          if (joined.callers === 0) {
            if (calls.get(key) === joined) calls.delete(key)
            joined.controller.abort(signal.reason)
          }
          reject(signal.reason)
        }
        signal.addEventListener('abort', onAbort, { once: true })
        joined.promise.then(
          (value) => {
            signal.removeEventListener('abort', onAbort)
            resolve({ value, shared })
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort)
            reject(error)
          },
        )
      })
    },
    get size() {
      return calls.size
    },
  }
}
