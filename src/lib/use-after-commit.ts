import { startTransition, useEffect, useState } from 'react'

/**
 * `value` handed on one step later: in a transition started after the render that brought it has
 * been committed. What reads the result renders after everything that reads `value` is on screen, and
 * a newer value (a click, a keystroke) interrupts it. useDeferredValue would not do: every deferred
 * value of a render is rendered in one pass, the slowest holding back the rest.
 */
export function useAfterCommit<T>(value: T): T {
  const [shown, setShown] = useState(value)
  useEffect(() => {
    if (Object.is(shown, value)) return
    const timer = setTimeout(() => startTransition(() => setShown(value)), 0)
    return () => clearTimeout(timer)
  }, [value, shown])
  return shown
}
