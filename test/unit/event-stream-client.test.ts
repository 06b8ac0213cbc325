import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { STREAM_HELLO, STREAM_PING, type StreamHello } from '@shared/contract/stream'

type ConnectionState = 'connecting' | 'live' | 'down'
interface Handlers {
  message(event: string, payload: unknown): void
  hello(hello: StreamHello): void
  state(state: ConnectionState): void
}
// Renderer code typed against the DOM, which this (node) project's types do not include:
// imported by a path the type checker does not follow, and tested against a fake EventSource.
const modulePath: string = '../../src/renderer/src/lib/eventStream'
const { openEventStream } = (await import(modulePath)) as { openEventStream(url: string, on: Handlers): void }

/** Just enough of EventSource to play the server's part. */
class FakeSource {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSED = 2
  static all: FakeSource[] = []
  readyState = FakeSource.CONNECTING
  onopen: (() => void) | null = null
  onmessage: ((m: { data: string; lastEventId: string }) => void) | null = null
  onerror: (() => void) | null = null
  private named = new Map<string, (m: { data: string }) => void>()
  constructor(readonly url: string) {
    FakeSource.all.push(this)
  }
  addEventListener(name: string, fn: (m: { data: string }) => void): void {
    this.named.set(name, fn)
  }
  close(): void {
    this.readyState = FakeSource.CLOSED
  }
  // The server's side:
  open(hello: StreamHello): void {
    this.readyState = FakeSource.OPEN
    this.onopen?.()
    this.named.get(STREAM_HELLO)?.({ data: JSON.stringify(hello) })
  }
  send(id: string, event: string): void {
    this.onmessage?.({ data: JSON.stringify({ event, payload: {} }), lastEventId: id })
  }
  ping(): void {
    this.named.get(STREAM_PING)?.({ data: '{}' })
  }
  fail(): void {
    this.onerror?.()
  }
}

describe('web event stream client', () => {
  const got: string[] = []
  const states: ConnectionState[] = []
  const hellos: StreamHello[] = []
  const latest = (): FakeSource => FakeSource.all.at(-1)!

  beforeEach(() => {
    vi.useFakeTimers()
    FakeSource.all = []
    got.length = states.length = hellos.length = 0
    vi.stubGlobal('EventSource', FakeSource)
    vi.stubGlobal('window', { addEventListener: () => undefined })
    openEventStream('/api/events', { message: (e) => got.push(e), hello: (h) => hellos.push(h), state: (s) => states.push(s) })
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('goes live on hello, and that hello is the resync signal', () => {
    expect(latest().url).toBe('/api/events')
    latest().open({ replay: 'none', replayed: 0, lastId: 'r1-0' })
    latest().send('r1-1', 'images.changed')
    expect(states).toEqual(['connecting', 'live'])
    expect(hellos).toHaveLength(1)
    expect(got).toEqual(['images.changed'])
  })

  it('reopens by itself within a fraction of a second, passing the last id it saw', async () => {
    latest().open({ replay: 'none', replayed: 0, lastId: 'r1-0' })
    latest().send('r1-7', 'images.changed')
    const first = latest()
    first.fail()
    expect(first.readyState).toBe(FakeSource.CLOSED)
    expect(states.at(-1)).toBe('down')
    await vi.advanceTimersByTimeAsync(100)
    expect(FakeSource.all).toHaveLength(2)
    expect(latest().url).toBe('/api/events?lastEventId=r1-7')
    latest().open({ replay: 'complete', replayed: 0, lastId: 'r1-7' })
    expect(states.at(-1)).toBe('live')
    expect(hellos.map((h) => h.replay)).toEqual(['none', 'complete'])
  })

  it('backs off while the server stays away, and starts quick again once it is back', async () => {
    const opened = (): number => FakeSource.all.length
    latest().fail() // the very first request failed (e.g. ERR_NETWORK_CHANGED)
    await vi.advanceTimersByTimeAsync(100)
    expect(opened()).toBe(2)
    latest().fail()
    await vi.advanceTimersByTimeAsync(249)
    expect(opened()).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(opened()).toBe(3)
    latest().open({ replay: 'none', replayed: 0, lastId: 'r2-0' })
    latest().fail()
    await vi.advanceTimersByTimeAsync(100)
    expect(opened()).toBe(4)
    expect(latest().url).toBe('/api/events?lastEventId=r2-0')
  })

  it('treats a stream that went quiet (no heartbeat) as down and reopens it', async () => {
    latest().open({ replay: 'none', replayed: 0, lastId: 'r1-0' })
    await vi.advanceTimersByTimeAsync(15_000)
    latest().ping()
    await vi.advanceTimersByTimeAsync(30_000)
    expect(FakeSource.all).toHaveLength(1)
    // No more heartbeats: the line died silently.
    await vi.advanceTimersByTimeAsync(20_000)
    expect(states.at(-1)).toBe('down')
    await vi.advanceTimersByTimeAsync(100)
    expect(FakeSource.all).toHaveLength(2)
  })
})
