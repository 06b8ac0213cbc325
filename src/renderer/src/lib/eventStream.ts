// The web mode's live feed: one EventSource to /api/events, reopened by us rather than by the
// browser. Chromium waits its default 3 s before retrying a stream that never answered (e.g.
// after net::ERR_NETWORK_CHANGED, which starting a container causes), and a new EventSource
// cannot send Last-Event-ID itself, so we close, back off briefly and reopen with the last id
// in the query. The server replays what we missed, then says hello: that is our resync signal.
import { HEARTBEAT_MS, LAST_EVENT_ID_PARAM, STREAM_HELLO, STREAM_PING, type StreamHello } from '@shared/contract/stream'

export type ConnectionState = 'connecting' | 'live' | 'down'

export interface EventStreamHandlers {
  message(event: string, payload: unknown): void
  hello(hello: StreamHello): void
  state(state: ConnectionState): void
}

/** Pauses before the n-th reopen in a row: quick at first, then at most every 4 s. */
const BACKOFF_MS = [100, 250, 500, 1000, 2000, 4000]

export function openEventStream(url: string, on: EventStreamHandlers): void {
  let lastId: string | undefined
  let failures = 0
  let source: EventSource | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  /** When the open stream last said anything (events, hello or heartbeat). */
  let heardAt = 0

  const open = (): void => {
    timer = undefined
    const src = new EventSource(lastId ? `${url}?${LAST_EVENT_ID_PARAM}=${encodeURIComponent(lastId)}` : url)
    source = src
    src.onopen = () => void (heardAt = Date.now())
    src.onmessage = (m: MessageEvent<string>) => {
      heardAt = Date.now()
      if (m.lastEventId) lastId = m.lastEventId
      const { event, payload } = JSON.parse(m.data) as { event: string; payload: unknown }
      on.message(event, payload)
    }
    src.addEventListener(STREAM_HELLO, (m) => {
      heardAt = Date.now()
      const hello = JSON.parse((m as MessageEvent<string>).data) as StreamHello
      lastId = hello.lastId
      failures = 0
      on.state('live')
      on.hello(hello)
    })
    src.addEventListener(STREAM_PING, () => void (heardAt = Date.now()))
    src.onerror = () => {
      if (src === source) drop()
    }
  }

  const drop = (): void => {
    source?.close()
    source = undefined
    on.state('down')
    schedule()
  }

  const schedule = (): void => {
    if (timer) return
    timer = setTimeout(open, BACKOFF_MS[Math.min(failures++, BACKOFF_MS.length - 1)])
  }

  // Back from sleep or on a network again: try now rather than at the end of the backoff.
  window.addEventListener('online', () => {
    if (source || !timer) return
    clearTimeout(timer)
    open()
  })

  // A line that died without an error (a laptop asleep, a NAT that forgot us) goes quiet: after
  // two missed heartbeats, treat it as down and reopen.
  setInterval(() => {
    if (source?.readyState === EventSource.OPEN && Date.now() - heardAt > 2 * HEARTBEAT_MS + 5000) drop()
  }, HEARTBEAT_MS)

  on.state('connecting')
  open()
}
