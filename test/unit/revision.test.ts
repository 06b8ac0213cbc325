// Stores keep the newest snapshot by comparing rev: main must only ever count up.
import { describe, expect, it } from 'vitest'
import { ProgressTracker } from '../../src/main/engine/progress'
import { nextRev } from '../../src/main/revision'

describe('revisions', () => {
  it('count up strictly and never run behind the clock (a restarted main keeps counting up)', () => {
    const before = Date.now()
    const revs = Array.from({ length: 1000 }, nextRev)
    for (let i = 1; i < revs.length; i++) expect(revs[i]).toBeGreaterThan(revs[i - 1]!)
    expect(revs[0]).toBeGreaterThanOrEqual(before)
  })

  it('stamp every transfer snapshot, later ones larger', () => {
    const t = new ProgressTracker({ id: 'r1', kind: 'pull', reference: 'localhost:5000/a:1' })
    const first = t.snapshot()
    t.start()
    const second = t.snapshot()
    expect(second.rev).toBeGreaterThan(first.rev)
  })
})
