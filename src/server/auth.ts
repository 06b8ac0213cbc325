import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const TOKEN_COOKIE = 'berth_token'

/** The token may come as a Bearer header, a ?token= query (first page load) or our cookie. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length)
  const query = url.searchParams.get('token')
  if (query) return query
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim()) ?? []
  const ours = cookies.find((c) => c.startsWith(`${TOKEN_COOKIE}=`))
  return ours ? decodeURIComponent(ours.slice(TOKEN_COOKIE.length + 1)) : undefined
}

export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented) return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * A browser always sends Origin on cross-site requests: anything but our own origin is a
 * page elsewhere trying to drive the engine, so it is refused even with a valid cookie.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  return origin === `http://${req.headers.host}`
}
