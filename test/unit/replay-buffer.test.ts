import { describe, expect, it } from 'vitest'
import { ReplayBuffer } from '../../src/server/replay'

describe('event replay buffer', () => {
  const clock = (): { now: () => number; advance(ms: number): void } => {
    let t = 1_000_000
    return { now: () => t, advance: (ms) => void (t += ms) }
  }

  it('numbers events from 1 upward and replays exactly those after an id, in order', () => {
    const buffer = new ReplayBuffer()
    const ids = ['a', 'b', 'c', 'd'].map((name) => buffer.push(name, { name }).seq)
    expect(ids).toEqual([1, 2, 3, 4])
    expect(buffer.latest).toBe(4)
    const missed = buffer.since(2)
    expect(Array.isArray(missed) && missed.map((e) => [e.seq, e.event, e.payload])).toEqual([
      [3, 'c', { name: 'c' }],
      [4, 'd', { name: 'd' }]
    ])
    expect(buffer.since(0)).toHaveLength(4)
    expect(buffer.since(4)).toEqual([])
  })

  it('keeps at most maxEvents: older positions become a gap', () => {
    const buffer = new ReplayBuffer({ maxEvents: 3, maxAgeMs: 60_000 })
    for (let i = 0; i < 10; i++) buffer.push('e', i)
    // 8, 9, 10 are kept: from 7 on everything missed is still there.
    expect((buffer.since(7) as { seq: number }[]).map((e) => e.seq)).toEqual([8, 9, 10])
    expect(buffer.since(6)).toBe('gap')
    expect(buffer.since(0)).toBe('gap')
  })

  it('forgets events older than maxAgeMs: a client gone that long must resync', () => {
    const c = clock()
    const buffer = new ReplayBuffer({ maxEvents: 1000, maxAgeMs: 60_000 }, c.now)
    buffer.push('old', 1)
    c.advance(30_000)
    buffer.push('newer', 2)
    expect(buffer.since(0)).toHaveLength(2)
    c.advance(30_001)
    expect(buffer.since(0)).toBe('gap')
    expect((buffer.since(1) as { event: string }[]).map((e) => e.event)).toEqual(['newer'])
    c.advance(60_000)
    // Nothing kept, but nothing missed either from the newest id.
    expect(buffer.since(2)).toEqual([])
    expect(buffer.since(1)).toBe('gap')
  })

  it('treats ids it never gave out as a gap', () => {
    const buffer = new ReplayBuffer()
    buffer.push('e', 1)
    expect(buffer.since(5)).toBe('gap')
    expect(buffer.since(-1)).toBe('gap')
    expect(buffer.since(Number.NaN)).toBe('gap')
  })
})
