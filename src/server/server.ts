import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import sirv from 'sirv'
import type { Dispatch } from '../main/dispatch'
import type { EventBus } from '../main/events'
import { publicError } from '../main/publicError'
import { originAllowed, presentedToken, tokenCookieName, tokenMatches, tokenProblem } from './auth'
import { readBody, RequestProblem } from './body'
import { createEventFeed } from './events'
import { allowedHosts, hostAllowed } from './host'
import { logRequest, parseRequestTarget } from './requestLine'
import { forRequest } from './language'
import { m, type Msg } from '@shared/i18n/message'

export interface WebServerOptions {
  host: string
  port: number
  /** At least MIN_TOKEN_LENGTH characters. */
  token: string
  /** The built renderer (out/web). */
  staticDir: string
  dispatch: Dispatch
  events: EventBus
  /** Extra POST routes (e.g. uploads) by path under /api/. */
  uploads?: Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>>
  /** Extra GET routes that answer with a file (downloads), by path under /api/. */
  downloads?: Record<string, (res: ServerResponse, url: URL) => Promise<void>>
  /** How long a request body may stall between chunks (default 30 s). */
  bodyIdleMs?: number
}

export interface WebServer {
  url: string
  /** The bound port (the real one when 0 was asked). */
  port: number
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024
/** A client has this long to send its headers… */
const HEADERS_TIMEOUT_MS = 20_000
/** …the whole request, uploads included… */
const REQUEST_TIMEOUT_MS = 30 * 60_000
/** …and a body may not stall longer than this between two chunks. */
const BODY_IDLE_MS = 30_000

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY'
}

/** The web mode: the renderer's files plus the contract over HTTP (calls) and SSE (events). */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const weak = tokenProblem(opts.token)
  if (weak) throw new Error(weak)
  const statics = sirv(opts.staticDir, { single: true, dev: false, etag: true })
  // One feed for the server's life: its replay buffer must outlive every single stream.
  const feed = createEventFeed(opts.events)
  let hosts = new Set<string>()
  let cookieName = tokenCookieName(opts.port)

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v)
    const url = parseRequestTarget(req)
    if (!hostAllowed(req.headers.host, hosts)) {
      throw new RequestProblem(421, m('server.wrongHost', { hosts: [...hosts].slice(0, 3).join(', ') }))
    }
    if (!tokenMatches(presentedToken(req, url, cookieName), opts.token)) {
      return refuse(req, res, 401, m('server.unauthorized'))
    }
    if (!originAllowed(req)) return refuse(req, res, 403, m('server.crossSite'))
    if (url.searchParams.has('token')) {
      // The page keeps working after the token leaves the address bar: an HttpOnly, same-site cookie.
      res.setHeader('Set-Cookie', `${cookieName}=${encodeURIComponent(opts.token)}; HttpOnly; SameSite=Strict; Path=/`)
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return feed.stream(req, res, url)
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') return handleCall(req, res, url, opts.dispatch)
    const upload = opts.uploads?.[url.pathname.slice('/api/'.length)]
    if (url.pathname.startsWith('/api/') && upload && req.method === 'POST') return handleUpload(req, res, url, upload)
    const download = opts.downloads?.[url.pathname.slice('/api/'.length)]
    if (url.pathname.startsWith('/api/') && download && req.method === 'GET') return handleDownload(req, res, url, download)
    if (url.pathname.startsWith('/api/')) return refuse(req, res, 404, m('server.noRoute'))
    statics(req, res, () => refuse(req, res, 404, m('server.notFound')))
  }

  // Nothing a request carries may throw out of here: a problem is a 4xx, a bug a 500 with a code.
  const server = createServer((req, res) => {
    watchBody(req, res, opts.bodyIdleMs ?? BODY_IDLE_MS)
    const fail = (e: unknown): void => answerFailure(req, res, e)
    try {
      route(req, res).catch(fail)
    } catch (e) {
      fail(e)
    }
  })
  server.headersTimeout = HEADERS_TIMEOUT_MS
  server.requestTimeout = REQUEST_TIMEOUT_MS
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    logRequest(400, 'unparsable request', err.code ?? err.message)
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
    socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  hosts = allowedHosts(opts.host, port)
  cookieName = tokenCookieName(port)
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}/?token=${encodeURIComponent(opts.token)}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        feed.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/** A stalled body must not hold a socket: each request with a body gets an idle timer until it ends. */
function watchBody(req: IncomingMessage, res: ServerResponse, idleMs: number): void {
  if (req.method === 'GET' || req.method === 'HEAD') return
  // On the request, not the socket: a kept-alive socket must not collect one listener per request.
  req.setTimeout(idleMs, () => {
    if (!res.headersSent) refuse(req, res, 408, m('server.idle', { seconds: idleMs / 1000 }), true)
    req.socket.destroy()
  })
  req.once('end', () => req.socket?.setTimeout(0))
}

function answerFailure(req: IncomingMessage, res: ServerResponse, e: unknown): void {
  if (e instanceof RequestProblem) {
    logRequest(e.status, `${req.method} ${req.url}`, e.message)
    if (!res.headersSent) refuse(req, res, e.status, e.msg, e.status === 413)
    return
  }
  const error = publicError(e, `${req.method} ${req.url}`)
  if (res.headersSent) res.destroy()
  else refuse(req, res, 500, error.msg ?? error.message)
}

async function handleCall(req: IncomingMessage, res: ServerResponse, url: URL, dispatch: Dispatch): Promise<void> {
  const body = await readBody(req, MAX_BODY)
  let args: unknown
  try {
    args = body.length ? JSON.parse(body.toString('utf8')) : undefined
  } catch (e) {
    throw new RequestProblem(400, m('server.badJson', { reason: (e as Error).message.slice(0, 200) }))
  }
  let name: string
  try {
    name = decodeURIComponent(url.pathname.slice('/api/call/'.length))
  } catch {
    throw new RequestProblem(400, m('server.badCallName'))
  }
  sendJson(res, 200, await dispatch(name, args))
}

async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, route: (req: IncomingMessage, url: URL) => Promise<unknown>): Promise<void> {
  try {
    sendJson(res, 200, { ok: true, value: await route(req, url) })
  } catch (e) {
    sendJson(res, 200, { ok: false, error: publicError(e, `upload ${url.pathname}`) })
  }
}

async function handleDownload(req: IncomingMessage, res: ServerResponse, url: URL, route: (res: ServerResponse, url: URL) => Promise<void>): Promise<void> {
  try {
    await route(res, url)
  } catch (e) {
    // Before the file started: a plain answer the browser shows as a failed download.
    if (!res.headersSent) {
      const error = publicError(e, `download ${url.pathname}`)
      refuse(req, res, 404, error.msg ?? error.message)
    }
    else res.destroy()
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(data)
}

/** `close`: the rest of the request will not be read, so the connection cannot be reused. */
/** The server's own answers (401, 403, 404…) in the language the request's Accept-Language asks for. */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: Msg | string, close = false): void {
  const { locale, render } = forRequest(req)
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': locale, Vary: 'Accept-Language', ...(close ? { Connection: 'close' } : {}) })
  res.end(typeof message === 'string' ? message : render(message))
}
