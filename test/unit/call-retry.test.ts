import { describe, expect, it } from 'vitest'
import { isReadOnlyCall, callSchemas } from '@shared/contract'
import { RETRY_PAUSE_MS, sendWithRetry } from '../../src/renderer/src/lib/retry'

/** A send that fails at the network level `failures` times, then answers. */
function flaky(failures: number): { send: () => Promise<string>; count: () => number } {
  let n = 0
  return {
    send: async () => {
      n++
      if (n <= failures) throw new TypeError('Failed to fetch')
      return 'answer'
    },
    count: () => n
  }
}

describe('call retry policy', () => {
  const pauses: number[] = []
  const pause = async (ms: number): Promise<void> => void pauses.push(ms)

  it('retries a read-only call once, after a short pause, when no answer came', async () => {
    pauses.length = 0
    const s = flaky(1)
    expect(await sendWithRetry('registries.list', s.send, pause)).toBe('answer')
    expect(s.count()).toBe(2)
    expect(pauses).toEqual([RETRY_PAUSE_MS])
  })

  it('retries only once: a second network failure reaches the caller', async () => {
    const s = flaky(2)
    await expect(sendWithRetry('images.list', s.send, pause)).rejects.toThrow('Failed to fetch')
    expect(s.count()).toBe(2)
  })

  it('never repeats a call that changes state', async () => {
    for (const name of ['registries.add', 'transfers.push', 'images.remove', 'localRegistry.start', 'browse.deleteTag', 'images.tag']) {
      const s = flaky(1)
      await expect(sendWithRetry(name, s.send, pause)).rejects.toThrow('Failed to fetch')
      expect(s.count()).toBe(1)
    }
  })

  it('sends a call that works exactly once', async () => {
    const s = flaky(0)
    expect(await sendWithRetry('registries.add', s.send, pause)).toBe('answer')
    expect(s.count()).toBe(1)
  })

  it('marks reads in the contract, and only calls that exist', () => {
    const names = Object.keys(callSchemas)
    const reads = names.filter(isReadOnlyCall)
    expect(reads).toEqual(expect.arrayContaining(['engine.status', 'registries.list', 'registries.health', 'images.list', 'transfers.list', 'localRegistry.status']))
    const writes = names.filter((n) => /\.(add|update|remove|push|pull|load|start|stop|restart|untag|prune|set|clear|cancel|retry|dismiss|delete|garbageCollect|reconnect)($|[A-Z])/.test(n))
    expect(writes.length).toBeGreaterThan(20)
    for (const name of [...writes, 'images.tag']) {
      expect(isReadOnlyCall(name), name).toBe(false)
    }
    expect(isReadOnlyCall('no.such.call')).toBe(false)
  })
})
