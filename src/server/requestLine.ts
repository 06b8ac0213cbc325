import type { IncomingMessage } from 'node:http'
import { m } from '@shared/i18n/message'
import { clip } from '@shared/engineInput'
import { RequestProblem } from './body'
import { parseUrl } from '@shared/url'

// The path is parsed against a fixed base: the Host header is checked separately and never
// trusted to build a URL.
const BASE = 'http://berth.invalid'

/** The request's path and query, or a 400 when the target or its percent-encoding is malformed. */
export function parseRequestTarget(req: IncomingMessage): URL {
  const target = req.url ?? '/'
  let url: URL
  try {
    if (!target.startsWith('/') || target.startsWith('//')) throw new Error('not an origin-form target')
    url = new URL(target, BASE)
    // sirv and the call route decode the path later: refuse what cannot be decoded now.
    decodeURIComponent(url.pathname)
  } catch {
    throw new RequestProblem(400, m('server.badPath'))
  }
  if (url.origin !== BASE) throw new RequestProblem(400, m('server.badPath'))
  const host = req.headers.host
  if (typeof host !== 'string' || !validHost(host)) throw new RequestProblem(400, m('server.badHost'))
  return url
}

function validHost(host: string): boolean {
  return !!parseUrl(`http://${host}/`)?.host && !/[\s/?#@]/.test(host)
}

/** One log line per refused request; input in it is cut short and kept on one line. */
export function logRequest(status: number, what: string, why: string): void {
  console.warn(`[berth] ${status} ${clip(what)}: ${clip(why)}`)
}
