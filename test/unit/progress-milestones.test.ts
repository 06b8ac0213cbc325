import { describe, expect, it } from 'vitest'
import { milestoneOf, newMilestone } from '../../src/renderer/src/features/transfers/milestones'

describe('progress announcements', () => {
  it('announce start, half way and the end, not every tick', () => {
    const ticks = [
      { state: 'queued', bytesDone: 0, bytesTotal: 0 },
      { state: 'running', bytesDone: 0, bytesTotal: 0 },
      { state: 'running', bytesDone: 10, bytesTotal: 100 },
      { state: 'running', bytesDone: 40, bytesTotal: 100 },
      { state: 'running', bytesDone: 50, bytesTotal: 100 },
      { state: 'running', bytesDone: 70, bytesTotal: 100 },
      { state: 'running', bytesDone: 99, bytesTotal: 100 },
      { state: 'done', bytesDone: 100, bytesTotal: 100 }
    ] as const
    let last: ReturnType<typeof milestoneOf>
    const said: string[] = []
    for (const t of ticks) {
      const m = newMilestone(last, milestoneOf(t))
      if (m) said.push((last = m))
    }
    expect(said).toEqual(['started', 'half', 'done'])
  })

  it('announce a failure, and never go back to "started" within one run', () => {
    expect(newMilestone('half', milestoneOf({ state: 'failed', bytesDone: 60, bytesTotal: 100 }))).toBe('failed')
    expect(newMilestone('half', 'started')).toBeUndefined()
    // Sizes grow as layers become known: 50 % of a larger total is not a new milestone backwards.
    expect(newMilestone('half', milestoneOf({ state: 'running', bytesDone: 60, bytesTotal: 200 }))).toBeUndefined()
  })
})
