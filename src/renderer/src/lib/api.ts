// The renderer's only door to the backend. Inside Electron it uses the preload's window.api
// (IPC); in a plain browser it speaks the web mode's HTTP + server-sent events. Same contract.
import {
  BerthError,
  type BerthEvents,
  type CallArgs,
  type CallName,
  type CallResults,
  type EventName,
  type Result,
  type StreamHello,
  type WindowApi
} from '@shared/contract'
import { isDesktop } from './platform'
import { openEventStream, type ConnectionState } from './eventStream'
import { sendWithRetry } from './retry'
import { m } from '@shared/i18n/message'

declare global {
  interface Window {
    api?: WindowApi
  }
}

type Listener = (payload: unknown) => void
type ResyncListener = (hello: StreamHello) => void

interface Transport {
  call(name: CallName, args: unknown): Promise<Result<unknown>>
  on(event: EventName, listener: Listener): () => void
  onResync(listener: ResyncListener): () => void
  onConnection(listener: (state: ConnectionState) => void): () => void
}

function ipcTransport(bridge: WindowApi): Transport {
  return {
    call: (name, args) => bridge.call(name, args as never),
    on: (event, listener) => bridge.on(event, listener as never),
    // IPC never drops events while the window lives; a reload starts a new renderer, so the
    // one resync is the window's load.
    onResync(listener) {
      let active = true
      queueMicrotask(() => active && listener({ replay: 'none', replayed: 0, lastId: '' }))
      return () => void (active = false)
    },
    onConnection(listener) {
      listener('live')
      return () => undefined
    }
  }
}

function httpTransport(): Transport {
  const listeners = new Map<string, Set<Listener>>()
  const resyncs = new Set<ResyncListener>()
  const states = new Set<(state: ConnectionState) => void>()
  let state: ConnectionState = 'connecting'
  let lastHello: StreamHello | undefined
  let started = false
  const connect = (): void => {
    if (started) return
    started = true
    openEventStream('/api/events', {
      message: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
      hello(hello) {
        lastHello = hello
        resyncs.forEach((l) => l(hello))
      },
      state(next) {
        state = next
        states.forEach((l) => l(next))
      }
    })
  }
  const send = (name: CallName, args: unknown): Promise<Response> =>
    fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: args === undefined ? '' : JSON.stringify(args)
    })
  return {
    async call(name, args) {
      let res: Response
      try {
        res = await sendWithRetry(name, () => send(name, args))
      } catch {
        return { ok: false, error: new BerthError('INTERNAL', m('errors.web.unreachable'), m('hints.web.reload')).toData() }
      }
      if (!res.ok) {
        // The server's own text is already in this browser's language (Accept-Language).
        return { ok: false, error: new BerthError(res.status === 401 ? 'AUTH_REQUIRED' : 'INTERNAL', await res.text(), m('hints.web.openUrl')).toData() }
      }
      return (await res.json()) as Result<unknown>
    },
    on(event, listener) {
      connect()
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    },
    onResync(listener) {
      connect()
      resyncs.add(listener)
      // Subscribed after the stream opened: this listener's snapshot is due now.
      if (lastHello) {
        const hello = lastHello
        queueMicrotask(() => resyncs.has(listener) && listener(hello))
      }
      return () => resyncs.delete(listener)
    },
    onConnection(listener) {
      connect()
      states.add(listener)
      listener(state)
      return () => states.delete(listener)
    }
  }
}

const transport: Transport = window.api ? ipcTransport(window.api) : httpTransport()
export type { ConnectionState }

type ArgsOf<K extends CallName> = undefined extends CallArgs<K> ? [args?: CallArgs<K>] : [args: CallArgs<K>]

export const api = {
  /** Calls the backend; resolves with the result or throws a BerthError (code, message, hint). */
  async call<K extends CallName>(name: K, ...args: ArgsOf<K>): Promise<CallResults[K]> {
    const result = await transport.call(name, args[0])
    if (!result.ok) throw BerthError.fromData(result.error)
    return result.value as CallResults[K]
  },
  on<E extends EventName>(event: E, listener: (payload: BerthEvents[E]) => void): () => void {
    return transport.on(event, listener as Listener)
  },
  /**
   * Called each time the live feed (re)starts: the first open, every reconnect, a window load.
   * Events may have been missed before it: mirrors of backend state reload their snapshot.
   */
  onResync(listener: ResyncListener): () => void {
    return transport.onResync(listener)
  },
  /** Whether the live feed is up ('down' while it reconnects); called at once with the current state. */
  onConnection(listener: (state: ConnectionState) => void): () => void {
    return transport.onConnection(listener)
  },
  isDesktop,
  pathForFile(file: File): string | undefined {
    return window.api?.pathForFile(file)
  },
  /** Web mode: starts the browser's download of a GET route (the file goes where the browser saves downloads). */
  download(route: string, query: Record<string, string> = {}): void {
    const a = document.createElement('a')
    a.href = `/api/${route}?${new URLSearchParams(query).toString()}`
    a.download = ''
    a.rel = 'noopener'
    document.body.append(a)
    a.click()
    a.remove()
  },
  /** Web mode: POSTs a raw body to an upload route and returns its result. */
  async upload<T>(route: string, file: Blob, query: Record<string, string> = {}): Promise<T> {
    const qs = new URLSearchParams(query).toString()
    let res: Response
    try {
      res = await fetch(`/api/${route}${qs ? `?${qs}` : ''}`, { method: 'POST', body: file })
    } catch {
      throw new BerthError('INTERNAL', m('errors.web.uploadUnreachable'), m('hints.web.dropAgain'))
    }
    if (!res.ok) throw new BerthError(res.status === 401 ? 'AUTH_REQUIRED' : 'INTERNAL', await res.text(), m('hints.web.reloadDrop'))
    const result = (await res.json()) as Result<T>
    if (!result.ok) throw BerthError.fromData(result.error)
    return result.value
  }
}
