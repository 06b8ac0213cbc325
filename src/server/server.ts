import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import sirv from 'sirv'
import type { Dispatch } from '../main/dispatch'
import type { EventBus } from '../main/events'
import { originAllowed, presentedToken, TOKEN_COOKIE, tokenMatches } from './auth'
import { createEventFeed } from './events'

export interface WebServerOptions {
  host: string
  port: number
  token: string
  /** The built renderer (out/web). */
  staticDir: string
  dispatch: Dispatch
  events: EventBus
  /** Extra POST routes (e.g. uploads) by path under /api/. */
  uploads?: Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>>
}

export interface WebServer {
  url: string
  close(): Promise<void>
}

const MAX_BODY = 1024 * 1024

const securityHeaders: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY'
}

/** The web mode: the renderer's files plus the contract over HTTP (calls) and SSE (events). */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const statics = sirv(opts.staticDir, { single: true, dev: false, etag: true })
  // One feed for the server's life: its replay buffer must outlive every single stream.
  const feed = createEventFeed(opts.events)

  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(securityHeaders)) res.setHeader(k, v)
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
    const token = presentedToken(req, url)
    if (!tokenMatches(token, opts.token)) return refuse(res, 401, 'Missing or wrong token: open the exact URL Berth printed when it started.')
    if (!originAllowed(req)) return refuse(res, 403, 'Requests from other sites are refused.')
    if (url.searchParams.has('token')) {
      // The page keeps working after the token leaves the address bar: an HttpOnly, same-site cookie.
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${encodeURIComponent(opts.token)}; HttpOnly; SameSite=Strict; Path=/`)
    }
    if (url.pathname === '/api/events' && req.method === 'GET') return feed.stream(req, res, url)
    if (url.pathname.startsWith('/api/call/') && req.method === 'POST') return void handleCall(req, res, url, opts.dispatch)
    const upload = opts.uploads?.[url.pathname.slice('/api/'.length)]
    if (url.pathname.startsWith('/api/') && upload && req.method === 'POST') return void handleUpload(req, res, url, upload)
    if (url.pathname.startsWith('/api/')) return refuse(res, 404, 'No such API route.')
    statics(req, res, () => refuse(res, 404, 'Not found.'))
  })
  // A long push keeps its event stream open; do not time sockets out under it.
  server.requestTimeout = 0
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  return {
    url: `http://${host}:${port}/?token=${encodeURIComponent(opts.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        feed.close()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

async function handleCall(req: IncomingMessage, res: ServerResponse, url: URL, dispatch: Dispatch): Promise<void> {
  let args: unknown
  try {
    const body = await readBody(req)
    args = body.length ? JSON.parse(body.toString('utf8')) : undefined
  } catch (e) {
    return refuse(res, 400, `The request body is not valid JSON: ${(e as Error).message}`)
  }
  const name = decodeURIComponent(url.pathname.slice('/api/call/'.length))
  sendJson(res, 200, await dispatch(name, args))
}

async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL, route: (req: IncomingMessage, url: URL) => Promise<unknown>): Promise<void> {
  try {
    sendJson(res, 200, { ok: true, value: await route(req, url) })
  } catch (e) {
    const { toErrorData } = await import('@shared/contract')
    sendJson(res, 200, { ok: false, error: toErrorData(e) })
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('body too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(data)
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(message)
}
