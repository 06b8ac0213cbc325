import { describe, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { SnapshotCoalescer, Throttle, type TimerLike } from '../../src/main/engine/progress/coalesce'

/** A manual clock: timers fire only when time is advanced past them. */
function fakeTimers(): TimerLike & { advance(ms: number): void } {
  let now = 0
  let seq = 0
  const timers = new Map<number, { at: number; fn: () => void }>()
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = ++seq
      timers.set(id, { at: now + ms, fn })
      return id
    },
    clearTimeout(h) {
      timers.delete(h as number)
    },
    advance(ms) {
      const end = now + ms
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (!next) break
        timers.delete(next[0])
        now = next[1].at
        next[1].fn()
      }
      now = end
    }
  }
}

function snap(id: string, bytesDone: number, state: TransferSnapshot['state'] = 'running'): TransferSnapshot {
  return { id, rev: bytesDone, kind: 'push', reference: 'r', state, startedAt: 0, bytesDone, bytesTotal: 1e9, speed: 0, etaSeconds: null, layers: [] }
}

describe('Throttle', () => {
  it('emits the first value at once and the newest pending value at the end of the interval', () => {
    const t = fakeTimers()
    const out: number[] = []
    const th = new Throttle<number>((v) => out.push(v), { timers: t, intervalMs: 50 })
    th.push(1)
    th.push(2)
    th.push(3)
    expect(out).toEqual([1])
    t.advance(49)
    expect(out).toEqual([1])
    t.advance(1)
    expect(out).toEqual([1, 3])
    t.advance(500)
    th.push(4) // idle long enough: leading edge again
    expect(out).toEqual([1, 3, 4])
  })
})

describe('SnapshotCoalescer', () => {
  it('emits a transfer at most 20 times per second under a flood of updates', () => {
    const t = fakeTimers()
    const times: number[] = []
    const last: TransferSnapshot[] = []
    const c = new SnapshotCoalescer(
      (s) => {
        times.push(t.now())
        last.push(s)
      },
      { timers: t }
    )
    // 1000 updates per second for 3 s.
    for (let i = 1; i <= 3000; i++) {
      c.push(snap('a', i))
      t.advance(1)
    }
    t.advance(100)
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((x) => x >= times[i] && x < times[i] + 1000).length
      expect(inWindow).toBeLessThanOrEqual(20)
    }
    expect(times.length).toBeGreaterThanOrEqual(55)
    // The trailing edge delivered the newest value.
    expect(last.at(-1)!.bytesDone).toBe(3000)
  })

  it('emits a final state immediately and drops the stale pending frame', () => {
    const t = fakeTimers()
    const out: TransferSnapshot[] = []
    const c = new SnapshotCoalescer((s) => out.push(s), { timers: t })
    c.push(snap('a', 1))
    c.push(snap('a', 2))
    c.push(snap('a', 3, 'done'))
    expect(out.map((s) => [s.bytesDone, s.state])).toEqual([
      [1, 'running'],
      [3, 'done']
    ])
    t.advance(1000)
    expect(out).toHaveLength(2)
  })

  it('throttles each transfer separately', () => {
    const t = fakeTimers()
    const out: string[] = []
    const c = new SnapshotCoalescer((s) => out.push(s.id), { timers: t })
    c.push(snap('a', 1))
    c.push(snap('b', 1))
    c.push(snap('a', 2))
    expect(out).toEqual(['a', 'b'])
    t.advance(50)
    expect(out).toEqual(['a', 'b', 'a'])
    c.dispose()
  })
})
