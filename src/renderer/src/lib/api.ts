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
  type WindowApi
} from '@shared/contract'
import { isDesktop } from './platform'

declare global {
  interface Window {
    api?: WindowApi
  }
}

type Listener = (payload: unknown) => void

interface Transport {
  call(name: CallName, args: unknown): Promise<Result<unknown>>
  on(event: EventName, listener: Listener): () => void
}

function ipcTransport(bridge: WindowApi): Transport {
  return {
    call: (name, args) => bridge.call(name, args as never),
    on: (event, listener) => bridge.on(event, listener as never)
  }
}

function httpTransport(): Transport {
  const listeners = new Map<string, Set<Listener>>()
  let source: EventSource | undefined
  const connect = (): void => {
    if (source) return
    source = new EventSource('/api/events')
    source.onmessage = (m: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(m.data) as { event: string; payload: unknown }
      listeners.get(event)?.forEach((l) => l(payload))
    }
  }
  return {
    async call(name, args) {
      let res: Response
      try {
        res = await fetch(`/api/call/${encodeURIComponent(name)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: args === undefined ? '' : JSON.stringify(args)
        })
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: 'Cannot reach the Berth server.', hint: 'Check that `npm run serve` is still running, then reload the page.' } }
      }
      if (!res.ok) {
        return {
          ok: false,
          error: { code: res.status === 401 ? 'AUTH_REQUIRED' : 'INTERNAL', message: await res.text(), hint: 'Open the exact URL Berth printed when it started.' }
        }
      }
      return (await res.json()) as Result<unknown>
    },
    on(event, listener) {
      connect()
      const set = listeners.get(event) ?? new Set()
      set.add(listener)
      listeners.set(event, set)
      return () => set.delete(listener)
    }
  }
}

const transport: Transport = window.api ? ipcTransport(window.api) : httpTransport()

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
  isDesktop,
  pathForFile(file: File): string | undefined {
    return window.api?.pathForFile(file)
  },
  /** Web mode: POSTs a raw body to an upload route and returns its result. */
  async upload<T>(route: string, file: Blob, query: Record<string, string> = {}): Promise<T> {
    const qs = new URLSearchParams(query).toString()
    let res: Response
    try {
      res = await fetch(`/api/${route}${qs ? `?${qs}` : ''}`, { method: 'POST', body: file })
    } catch {
      throw new BerthError('INTERNAL', 'The upload did not reach the Berth server.', 'Check that `npm run serve` is still running, then drop the file again.')
    }
    if (!res.ok) throw new BerthError(res.status === 401 ? 'AUTH_REQUIRED' : 'INTERNAL', await res.text(), 'Reload the page from the URL Berth printed, then drop the file again.')
    const result = (await res.json()) as Result<T>
    if (!result.ok) throw BerthError.fromData(result.error)
    return result.value
  }
}
