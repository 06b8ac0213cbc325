import { describe, expect, it } from 'vitest'
import { RateMeter, etaSeconds } from '../../src/main/engine/progress/rate'

function clock() {
  let t = 0
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

describe('etaSeconds', () => {
  it('is bytes left over speed, rounded up', () => {
    expect(etaSeconds(0, 1000, 100)).toBe(10)
    expect(etaSeconds(950, 1000, 100)).toBe(1)
    expect(etaSeconds(999, 1000, 1000)).toBe(1)
  })
  it('is 0 when done, null when it cannot be known', () => {
    expect(etaSeconds(1000, 1000, 0)).toBe(0)
    expect(etaSeconds(10, 0, 100)).toBeNull() // no size known
    expect(etaSeconds(10, 1000, 0)).toBeNull() // no speed yet
    expect(etaSeconds(10, 1000, Number.NaN)).toBeNull()
  })
})

describe('RateMeter', () => {
  it('measures over a sliding window, so a speed change shows within ~3 s', () => {
    const c = clock()
    const r = new RateMeter({ clock: c.now, windowMs: 3000 })
    let bytes = 0
    r.record(0)
    for (let i = 0; i < 20; i++) {
      c.advance(250)
      r.record((bytes += 250)) // 1000 B/s
    }
    expect(r.speed()).toBeCloseTo(1000, 5)
    for (let i = 0; i < 16; i++) {
      c.advance(250)
      r.record((bytes += 2500)) // 10 000 B/s
    }
    // 4 s later the window only holds the fast part.
    expect(r.speed()).toBeCloseTo(10_000, -2)
  })

  it('falls when the transfer stalls instead of freezing at the last value', () => {
    const c = clock()
    const r = new RateMeter({ clock: c.now, windowMs: 3000 })
    r.record(0)
    c.advance(1000)
    r.record(1000)
    const before = r.speed()
    c.advance(2000)
    expect(r.speed()).toBeLessThan(before)
    c.advance(10_000)
    expect(r.speed()).toBeLessThan(100)
  })

  it('is 0 until there is enough history and ignores counters that go back', () => {
    const c = clock()
    const r = new RateMeter({ clock: c.now })
    expect(r.speed()).toBe(0)
    r.record(0)
    c.advance(50)
    r.record(500)
    expect(r.speed()).toBe(0)
    c.advance(950)
    r.record(100) // ignored
    expect(r.speed()).toBeCloseTo(500, 5)
  })
})
