// The one place that puts bytes on the wire. Default: undici's pooled `request` (fast, and no
// fetch "bad port" list to trip over); tests may inject a fetch instead. Redirects are never
// followed here: the transport decides where Authorization may go.
import type { Agent, Dispatcher } from 'undici'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'

export interface RawResponse {
  status: number
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>
  body: Buffer
  url: URL
}

export interface HttpRequest {
  url: URL
  method: string
  headers: Record<string, string>
  body?: string | Uint8Array
}

export type HttpSend = (req: HttpRequest) => Promise<RawResponse>

/** What Berth needs of a fetch implementation (global fetch and undici's fetch both fit). */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string | Uint8Array; redirect: 'manual'; dispatcher?: Dispatcher }
) => Promise<{ status: number; headers: { forEach(cb: (value: string, key: string) => void): void }; arrayBuffer(): Promise<ArrayBuffer> }>

/** Registry JSON is small; a server streaming forever must not eat Berth's memory. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024

function tooLarge(url: URL): BerthError {
  return new BerthError('REGISTRY_ERROR', m('errors.reg.tooLarge', { host: url.host, mib: MAX_BODY_BYTES / 1024 / 1024 }), m('hints.reg.checkAddress'))
}

export function undiciSend(agent: () => Promise<Agent>): HttpSend {
  return async ({ url, method, headers, body }) => {
    const res = await (await agent()).request({ origin: url.origin, path: url.pathname + url.search, method: method as Dispatcher.HttpMethod, headers, body })
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length
      if (size > MAX_BODY_BYTES) {
        res.body.destroy()
        throw tooLarge(url)
      }
      chunks.push(chunk as Buffer)
    }
    return { status: res.statusCode, headers: flattenHeaders(res.headers), body: Buffer.concat(chunks), url }
  }
}

export function fetchSend(fetchImpl: FetchLike, agent: () => Promise<Agent>): HttpSend {
  return async ({ url, method, headers, body }) => {
    const res = await fetchImpl(url.href, { method, headers, body, redirect: 'manual', dispatcher: await agent() })
    const out: Record<string, string> = {}
    res.headers.forEach((value, key) => {
      out[key.toLowerCase()] = value
    })
    const buf = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await res.arrayBuffer())
    if (buf.length > MAX_BODY_BYTES) throw tooLarge(url)
    return { status: res.status, headers: out, body: buf, url }
  }
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}
