import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Shortest --token accepted: guessing must stay out of reach even for a page that can retry. */
export const MIN_TOKEN_LENGTH = 32

/**
 * Cookies are not scoped by port: the name carries it, so two Berth servers (or another app on
 * localhost) never read or overwrite each other's cookie.
 */
export function tokenCookieName(port: number): string {
  return `berth_token_${port}`
}

/** Why this token is not acceptable, or null. */
export function tokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) return `The token must be at least ${MIN_TOKEN_LENGTH} characters (this one has ${token.length}).`
  if (!/^[\x21-\x7e]+$/.test(token)) return 'The token may contain only printable ASCII characters without spaces.'
  return null
}

/** The token may come as a Bearer header, a ?token= query (first page load) or our cookie. */
export function presentedToken(req: IncomingMessage, url: URL, cookieName: string): string | undefined {
  const header = req.headers.authorization
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length)
  const query = url.searchParams.get('token')
  if (query) return query
  const cookies = req.headers.cookie?.split(';').map((c) => c.trim()) ?? []
  const ours = cookies.find((c) => c.startsWith(`${cookieName}=`))
  return ours ? safeDecode(ours.slice(cookieName.length + 1)) : undefined
}

/** Any page on localhost can plant a cookie: a malformed one is just a wrong token. */
function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
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
