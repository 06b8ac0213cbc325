import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EventBus } from '../main/events'

/** Server-sent events: every bus event as `data: {"event","payload"}`, plus a heartbeat. */
export function streamEvents(req: IncomingMessage, res: ServerResponse, events: EventBus): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no'
  })
  res.write('retry: 1000\n\n')
  const unsubscribe = events.onAny((event, payload) => {
    res.write(`data: ${JSON.stringify({ event, payload })}\n\n`)
  })
  // Comments keep proxies and idle timers from closing a quiet stream.
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 15_000)
  req.on('close', () => {
    clearInterval(heartbeat)
    unsubscribe()
  })
}
