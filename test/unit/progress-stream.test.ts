import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { BerthError } from '@shared/contract/errors'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { DaemonEvent } from '../../src/main/engine/progress/daemonEvent'
import { consumeDaemonStream, followDaemonStream } from '../../src/main/engine/progress/stream'
import { ProgressTracker } from '../../src/main/engine/progress/tracker'

const DIGEST = 'sha256:' + '12'.repeat(32)

const pushEvents: DaemonEvent[] = [
  { status: 'The push refers to repository [localhost:5000/demo]' },
  { status: 'Preparing', progressDetail: {}, id: 'aaaaaaaaaaaa' },
  { status: 'Pushing', progressDetail: { current: 10, total: 20 }, progress: '[█████     ] 10B/20B', id: 'aaaaaaaaaaaa' },
  { status: 'Pushed', progressDetail: {}, id: 'aaaaaaaaaaaa' },
  { status: `latest: digest: ${DIGEST} size: 528` },
  { progressDetail: {}, aux: { Tag: 'latest', Digest: DIGEST, Size: 528 } }
]

/** The daemon's framing: one JSON object per line, "\r\n" terminated. */
const wire = (events: DaemonEvent[]): string => events.map((e) => JSON.stringify(e) + '\r\n').join('')

const tick = (): Promise<void> => new Promise((r) => setImmediate(r))

function collect(stream: PassThrough) {
  const events: DaemonEvent[] = []
  const done = consumeDaemonStream(stream, (e) => events.push(e))
  return { events, done }
}

describe('consumeDaemonStream', () => {
  it('reassembles lines split across chunks at every byte position (incl. inside UTF-8 characters)', async () => {
    const bytes = Buffer.from(wire(pushEvents), 'utf8')
    for (let cut = 1; cut < bytes.length; cut++) {
      const s = new PassThrough()
      const { events, done } = collect(s)
      s.write(bytes.subarray(0, cut))
      s.write(bytes.subarray(cut, cut + 3))
      s.end(bytes.subarray(cut + 3))
      const summary = await done
      expect(events).toEqual(pushEvents)
      expect(summary).toMatchObject({ events: pushEvents.length, ended: true, endedCleanly: true, sawFinalStatus: true })
    }
  })

  it('handles several events in one chunk, blank lines, a last line without newline', async () => {
    const s = new PassThrough()
    const { events, done } = collect(s)
    s.end('\n\r\n' + wire(pushEvents.slice(0, 3)) + '\n\n' + JSON.stringify(pushEvents[4]))
    const summary = await done
    expect(events).toEqual([...pushEvents.slice(0, 3), pushEvents[4]])
    expect(summary.truncatedLine).toBeUndefined()
    expect(summary.endedCleanly).toBe(true)
  })

  it('reports a truncated final line', async () => {
    const s = new PassThrough()
    const { events, done } = collect(s)
    s.end(wire(pushEvents.slice(0, 3)) + '{"status":"Pus')
    const summary = await done
    expect(events).toHaveLength(3)
    expect(summary).toMatchObject({ ended: true, truncatedLine: '{"status":"Pus', endedCleanly: false })
  })

  it('reports a stream that ends without a final status', async () => {
    const s = new PassThrough()
    const { done } = collect(s)
    s.end(wire(pushEvents.slice(0, 4)))
    expect(await done).toMatchObject({ ended: true, sawFinalStatus: false, endedCleanly: false })
  })

  it('keeps (a few) complete lines that are not JSON, without failing', async () => {
    const s = new PassThrough()
    const { events, done } = collect(s)
    s.end('garbage\n' + wire(pushEvents))
    const summary = await done
    expect(events).toHaveLength(pushEvents.length)
    expect(summary.invalidLines).toEqual(['garbage'])
  })
})

describe('followDaemonStream', () => {
  it('resolves when the stream ENDS, not when it starts', async () => {
    const s = new PassThrough()
    const tracker = new ProgressTracker({ id: 'f1', kind: 'push', reference: 'localhost:5000/demo:latest', registry: 'localhost:5000' })
    const updates: TransferSnapshot[] = []
    let settled = false
    const p = followDaemonStream(s, tracker, { onUpdate: (u) => updates.push(u) }).finally(() => (settled = true))
    s.write(wire(pushEvents))
    await tick()
    await tick()
    expect(settled).toBe(false)
    expect(tracker.snapshot().state).toBe('running')
    s.end()
    const summary = await p
    expect(summary.endedCleanly).toBe(true)
    const final = updates.at(-1)!
    expect(final.state).toBe('done')
    expect(final.digest).toBe(DIGEST)
    expect(final.message).toBeUndefined()
    expect(updates.length).toBeGreaterThanOrEqual(pushEvents.length)
  })

  it('rejects with the decoded error on an error event in the 200 stream, and stops reading', async () => {
    const s = new PassThrough()
    const tracker = new ProgressTracker({ id: 'f2', kind: 'push', reference: 'reg.lan:5000/x:1', registry: 'reg.lan:5000' })
    const p = followDaemonStream(s, tracker)
    s.write(wire([pushEvents[0], { errorDetail: { message: 'no basic auth credentials' }, error: 'no basic auth credentials' }]))
    const err = await p.catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BerthError)
    expect((err as BerthError).code).toBe('AUTH_REQUIRED')
    expect(tracker.snapshot()).toMatchObject({ state: 'failed', error: { code: 'AUTH_REQUIRED' } })
    expect(s.destroyed).toBe(true)
  })

  it('rejects with CANCELLED when aborted, destroying the stream', async () => {
    const s = new PassThrough()
    const tracker = new ProgressTracker({ id: 'f3', kind: 'pull', reference: 'x' })
    const ac = new AbortController()
    const p = followDaemonStream(s, tracker, { signal: ac.signal })
    s.write(wire([{ status: 'Downloading', progressDetail: { current: 1, total: 9 }, id: 'a' }]))
    await tick()
    ac.abort()
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(s.destroyed).toBe(true)
    expect(tracker.snapshot().state).toBe('cancelled')
  })

  it('rejects at once with CANCELLED for an already aborted signal', async () => {
    const s = new PassThrough()
    const tracker = new ProgressTracker({ id: 'f4', kind: 'pull', reference: 'x' })
    await expect(followDaemonStream(s, tracker, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(s.destroyed).toBe(true)
  })

  it('a truncated stream fails the transfer (the connection broke)', async () => {
    const s = new PassThrough()
    const tracker = new ProgressTracker({ id: 'f5', kind: 'push', reference: 'x' })
    const p = followDaemonStream(s, tracker)
    s.end(wire(pushEvents.slice(0, 3)) + '{"status":"Pushi')
    await expect(p).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { truncatedLine: '{"status":"Pushi' } })
    expect(tracker.snapshot().state).toBe('failed')
  })

  it('a stream destroyed without end, or erroring, fails the transfer', async () => {
    const s1 = new PassThrough()
    const t1 = new ProgressTracker({ id: 'f6', kind: 'push', reference: 'x' })
    const p1 = followDaemonStream(s1, t1)
    s1.write(wire(pushEvents.slice(0, 2)))
    await tick()
    s1.destroy()
    await expect(p1).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' })

    const s2 = new PassThrough()
    const t2 = new ProgressTracker({ id: 'f7', kind: 'push', reference: 'x' })
    const p2 = followDaemonStream(s2, t2)
    s2.destroy(new Error('socket hang up'))
    await expect(p2).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE', details: { reason: 'socket hang up' } })
    expect(t2.snapshot().state).toBe('failed')
  })

  it('an end without the final status line is done, with a warning message', async () => {
    const s = new PassThrough()
    const tracker = new ProgressTracker({ id: 'f8', kind: 'push', reference: 'x' })
    const p = followDaemonStream(s, tracker)
    s.end(wire(pushEvents.slice(0, 4)))
    const summary = await p
    expect(summary.sawFinalStatus).toBe(false)
    const snap = tracker.snapshot()
    expect(snap.state).toBe('done')
    expect(snap.message).toMatch(/without its final status/)
  })
})
