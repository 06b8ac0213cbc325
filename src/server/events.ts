import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HEARTBEAT_MS, LAST_EVENT_ID_PARAM, STREAM_HELLO, STREAM_PING, type StreamHello } from '@shared/contract/stream'
import type { EventBus } from '../main/events'
import { ReplayBuffer, type Buffered, type ReplayLimits } from './replay'

/** How soon a browser reconnects on its own (EventSource only learns it from a response). */
const RETRY_MS = 500

export interface EventFeed {
  /** Serves GET /api/events: replays what the client missed, then streams live. */
  stream(req: IncomingMessage, res: ServerResponse, url: URL): void
  close(): void
}

/**
 * Server-sent events for the web mode. Ids are `<run>-<seq>`: the run part changes with every
 * server start, so an id from before a restart is recognised as unreplayable instead of being
 * mistaken for a position in this run.
 */
export function createEventFeed(events: EventBus, limits?: ReplayLimits): EventFeed {
  const run = randomBytes(4).toString('hex')
  const buffer = new ReplayBuffer(limits)
  const streams = new Set<ServerResponse>()
  const frame = (e: Buffered): string => `id: ${run}-${e.seq}\ndata: ${JSON.stringify({ event: e.event, payload: e.payload })}\n\n`
  const unsubscribe = events.onAny((event, payload) => {
    const text = frame(buffer.push(event, payload))
    for (const res of streams) res.write(text)
  })

  return {
    stream(req, res, url) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no'
      })
      const lastId = url.searchParams.get(LAST_EVENT_ID_PARAM) ?? headerValue(req.headers['last-event-id'])
      // Replay and subscribe in the same tick: nothing can be emitted in between.
      const missed = lastId ? replayFrom(lastId) : undefined
      const hello: StreamHello = {
        replay: missed === undefined ? 'none' : missed === 'gap' ? 'gap' : 'complete',
        replayed: Array.isArray(missed) ? missed.length : 0,
        lastId: `${run}-${buffer.latest}`
      }
      let text = `retry: ${RETRY_MS}\n\n`
      if (Array.isArray(missed)) text += missed.map(frame).join('')
      text += `event: ${STREAM_HELLO}\ndata: ${JSON.stringify(hello)}\n\n`
      res.write(text)
      streams.add(res)
      // Keeps proxies and idle timers from closing a quiet stream, and tells the client it is alive.
      const heartbeat = setInterval(() => res.write(`event: ${STREAM_PING}\ndata: {}\n\n`), HEARTBEAT_MS)
      req.on('close', () => {
        clearInterval(heartbeat)
        streams.delete(res)
      })
    },
    close() {
      unsubscribe()
      streams.clear()
    }
  }

  function replayFrom(lastId: string): Buffered[] | 'gap' {
    const match = /^([0-9a-f]+)-(\d{1,15})$/.exec(lastId)
    if (!match || match[1] !== run) return 'gap'
    return buffer.since(Number(match[2]))
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}
