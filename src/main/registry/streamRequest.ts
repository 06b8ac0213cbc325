// Registry requests whose bodies are streams (blob downloads and uploads). The buffered
// Transport.request caps bodies at 32 MiB and cannot send one; copies move gigabytes, so here the
// response body stays a stream and the request body may be one. Auth and redirects follow the
// same rules: Authorization only on the registry's own origin, one retry after a 401 (only when
// the request body can be sent again, i.e. there is none).
import type { Readable } from 'node:stream'
import type { Dispatcher } from 'undici'
import { parseWwwAuthenticate } from './challenge'
import { decodeRegistryError, networkError, type ErrorContext } from './errors'
import type { RawResponse } from './http'
import type { Transport } from './transport'

export interface StreamRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT'
  url: string | URL
  headers?: Record<string, string>
  /** Sent once: a streamed body cannot be replayed after a 401, so authorize beforehand. */
  body?: Readable | Buffer
  scope?: string
  ctx: ErrorContext
  signal?: AbortSignal
  /** Statuses answered as they are instead of thrown (e.g. 404 for "blob not there"). */
  accept?: number[]
}

export interface StreamResponse {
  status: number
  headers: Record<string, string>
  body: Readable
  url: URL
}

const redirectStatuses = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5
/** Error bodies are small JSON; read at most this much of one. */
const MAX_ERROR_BODY = 64 * 1024

export async function streamRequest(t: Transport, req: StreamRequest): Promise<StreamResponse> {
  await t.discover()
  const url = t.resolve(req.url)
  let sent = await t.auth.authorization(req.scope)
  let res = await sendFollowing(t, req, url, sent)
  if (res.status === 401 && t.isRegistryOrigin(res.url) && !(req.body && !Buffer.isBuffer(req.body))) {
    const retry = await t.auth.retryAuthorization(parseWwwAuthenticate(res.headers['www-authenticate']), req.scope, sent)
    if (retry) {
      res.body.resume()
      sent = retry
      res = await sendFollowing(t, req, url, sent)
    }
  }
  if ((res.status >= 200 && res.status < 300) || req.accept?.includes(res.status)) return res
  throw decodeRegistryError(await buffered(res), req.ctx)
}

async function sendFollowing(t: Transport, req: StreamRequest, start: URL, authorization: string | undefined): Promise<StreamResponse> {
  let url = start
  let method: string = req.method
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { ...req.headers }
    if (authorization && t.isRegistryOrigin(url)) headers.authorization = authorization
    const res = await send(t, url, method, headers, hop === 0 ? req.body : undefined, req.signal)
    const location = res.headers.location
    if (!redirectStatuses.has(res.status) || !location || hop >= MAX_REDIRECTS || req.body) return res
    res.body.resume()
    url = new URL(location, url)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return res
    if (res.status === 303 && method !== 'HEAD') method = 'GET'
  }
}

async function send(t: Transport, url: URL, method: string, headers: Record<string, string>, body: Readable | Buffer | undefined, signal?: AbortSignal): Promise<StreamResponse> {
  try {
    const agent = await t.agent()
    const res = await agent.request({ origin: url.origin, path: url.pathname + url.search, method: method as Dispatcher.HttpMethod, headers, body, signal })
    return { status: res.statusCode, headers: flatten(res.headers), body: res.body, url }
  } catch (e) {
    if (signal?.aborted) throw e
    throw networkError(e, { host: url.host, address: t.address, isRegistry: t.isRegistryOrigin(url), scheme: t.origin.protocol.replace(':', '') })
  }
}

/** Reads a (small) error body so the registry's error JSON can be decoded. */
export async function buffered(res: StreamResponse): Promise<RawResponse> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length
      if (size > MAX_ERROR_BODY) break
      chunks.push(chunk as Buffer)
    }
  } catch {
    // A broken error body still leaves the status to decode.
  } finally {
    res.body.destroy()
  }
  return { status: res.status, headers: res.headers, body: Buffer.concat(chunks), url: res.url }
}

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return out
}
