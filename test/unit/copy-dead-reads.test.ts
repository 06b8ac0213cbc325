// The dead-read scavenger (src/main/copy/deadReads.ts): one young-generation collection per
// SCAVENGE_EVERY bytes streamed, whatever the chunk sizes, and V8's real `gc` behind it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scavenger, v8Collector, type Collect } from '../../src/main/copy/deadReads'

describe('dead-read scavenger', () => {
  it('collects once per threshold crossed, never in between, for any chunk sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 300 }), (chunks) => {
        const calls: Parameters<Collect>[0][] = []
        const note = scavenger(1000, () => (o) => void calls.push(o))
        let since = 0
        let expected = 0
        for (const c of chunks) {
          note(c)
          since += c
          if (since >= 1000) {
            expected++
            since = 0
          }
        }
        expect(calls.length).toBe(expected)
        expect(calls.every((o) => o.type === 'minor' && o.execution === 'sync')).toBe(true)
      })
    )
  })

  it('streams on when the runtime gives no collector', () => {
    const note = scavenger(10, () => null)
    expect(() => note(100)).not.toThrow()
  })

  it("reaches V8's own gc in plain Node, and a minor collection runs", () => {
    const gc = v8Collector()
    expect(typeof gc).toBe('function')
    expect(() => gc!({ type: 'minor', execution: 'sync' })).not.toThrow()
  })
})
