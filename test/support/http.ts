// The small HTTP chores every kind of test needs, written once: a port nothing listens on, waiting
// for a registry's /v2/ to answer, and Basic auth headers.
import { createServer, type AddressInfo } from 'node:net'
import { Agent, fetch } from 'undici'

/** A loopback port nothing listens on right now: for a server to bind, or to get "connection refused". */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo
      s.close(() => resolve(port))
    })
  })
}

export interface WaitForV2Options {
  timeoutMs?: number
  intervalMs?: number
  /** Called now and then while waiting: throw to stop early (e.g. the container exited). */
  checkAlive?: () => Promise<void>
}

/** Waits until a registry answers GET /v2/ with 200 or 401 (up, perhaps protected); self-signed TLS is fine. */
export async function waitForV2(url: string, opts: WaitForV2Options = {}): Promise<void> {
  const { timeoutMs = 20_000, intervalMs = 100, checkAlive } = opts
  const dispatcher = new Agent({ connect: { rejectUnauthorized: false } })
  const deadline = Date.now() + timeoutMs
  try {
    for (let i = 1; ; i++) {
      try {
        const res = await fetch(url, { dispatcher, signal: AbortSignal.timeout(2000) })
        await res.arrayBuffer()
        if (res.status === 200 || res.status === 401) return
      } catch {
        // not listening yet
      }
      if (checkAlive && i % 10 === 0) await checkAlive()
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`)
      await new Promise((r) => setTimeout(r, intervalMs))
    }
  } finally {
    await dispatcher.close()
  }
}

/** `Basic …`: the Authorization value for a user and password. */
export const basicAuth = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

/** An Authorization header for these credentials, or none. */
export function basicAuthHeader(auth?: { username: string; password: string }): Record<string, string> {
  return auth ? { authorization: basicAuth(auth.username, auth.password) } : {}
}
