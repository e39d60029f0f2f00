// Deterministic hashing and a small PRNG. Every synthetic value is a pure function of
// (seed, slot, index, purpose), so any window, however it is split, sees the same records.

const C1 = 0xcc9e2d51
const C2 = 0x1b873593

function round(h: number, k: number): number {
  let x = Math.imul(k | 0, C1)
  x = (x << 15) | (x >>> 17)
  x = Math.imul(x, C2)
  let y = h ^ x
  y = (y << 13) | (y >>> 19)
  return (Math.imul(y, 5) + 0xe6546b64) | 0
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16)
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  x ^= x >>> 16
  return x >>> 0
}

/**
 * murmur3-style hash of four 32-bit words; result is an unsigned 32-bit integer.
 * `d` (the purpose) is absorbed first: the internal state is only 32 bits, so hashes of the same
 * (a, b, c) for different purposes must not share it, or ids built from several of them would
 * collide together (birthday odds at 50k records a week are not small).
 */
export function hash4(a: number, b: number, c: number, d: number): number {
  let h = round(0x2545f491, d)
  h = round(h, a)
  h = round(h, b)
  h = round(h, c)
  return fmix(h ^ 16)
}

/** [0, 1) from a 32-bit hash. */
export function unit(h: number): number {
  return h / 4294967296
}

/** Hash of a string, for stable catalogue ids. */
export function hashString(s: string, salt = 0): number {
  let h = salt | 0
  for (let i = 0; i < s.length; i++) h = round(h, s.charCodeAt(i))
  return fmix(h ^ s.length)
}

export function hex(n: number, digits: number): string {
  return (n >>> 0)
    .toString(16)
    .padStart(8, '0')
    .slice(8 - digits)
}

/** sfc32: 128-bit state, so streams seeded from distinct (seed, slot, i) practically never collide. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: number, slot: number, i: number, stream: number) {
    this.a = hash4(seed, slot, i, stream)
    this.b = hash4(seed, slot, i, stream + 0x100)
    this.c = hash4(seed, slot, i, stream + 0x200)
    this.d = 1
    for (let k = 0; k < 12; k++) this.u32()
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }

  next(): number {
    return this.u32() / 4294967296
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }

  /** log-normal-ish duration around `median` seconds, clamped */
  duration(median: number, spread: number, min: number, max: number): number {
    const z = (this.next() + this.next() + this.next() - 1.5) * 2 // ~N(0,1), cheap
    return Math.max(min, Math.min(max, Math.round(median * Math.exp(z * spread))))
  }

  hex(digits: number): string {
    let s = ''
    while (s.length < digits) s += hex(this.u32(), 8)
    return s.slice(0, digits)
  }
}

/** Index into `weights` chosen by r in [0, 1). */
export function weighted(weights: readonly number[], r: number): number {
  let total = 0
  for (const w of weights) total += w
  let x = r * total
  for (let k = 0; k < weights.length; k++) {
    x -= weights[k] ?? 0
    if (x < 0) return k
  }
  return weights.length - 1
}
