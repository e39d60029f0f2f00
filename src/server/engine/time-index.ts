// Start times of every record fetched so far, to count how many fall in any interval: the density the
// next windows are sized from (yesterday at the same hours, the last few hours).

export class TimeIndex {
  private times: number[] = []
  private sorted = true

  add(t: number): void {
    const last = this.times[this.times.length - 1]
    if (last !== undefined && t < last) this.sorted = false
    this.times.push(t)
  }

  get size(): number {
    return this.times.length
  }

  /** records with a ≤ time ≤ b */
  count(a: number, b: number): number {
    if (b < a) return 0
    if (!this.sorted) {
      this.times.sort((x, y) => x - y)
      this.sorted = true
    }
    return this.lowerBound(b + 1) - this.lowerBound(a)
  }

  private lowerBound(t: number): number {
    let lo = 0
    let hi = this.times.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.times[mid] ?? 0) < t) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}
