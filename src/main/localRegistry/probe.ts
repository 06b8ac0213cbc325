// Talks to the running registry over HTTP: "does /v2/ answer yet?" and "how many repositories?".
// undici's request (not fetch): fetch refuses some ports outright, and the user picks the port.
import { request, type Dispatcher } from 'undici'

export interface BasicCredentials {
  username: string
  password: string
}

function authHeader(creds?: BasicCredentials): Record<string, string> {
  return creds ? { authorization: `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}` } : {}
}

/**
 * True when a registry answers GET /v2/ at base: 200, or 401 from a registry that wants a login
 * (it is up, just protected).
 */
export async function registryAnswers(base: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await request(`${base}/v2/`, { method: 'GET', headersTimeout: timeoutMs, bodyTimeout: timeoutMs })
    await res.body.dump()
    if (res.statusCode === 200) return true
    return res.statusCode === 401 && (res.headers['docker-distribution-api-version'] !== undefined || res.headers['www-authenticate'] !== undefined)
  } catch {
    return false
  }
}

export interface WaitOptions {
  timeoutMs: number
  intervalMs?: number
  /** Checked between attempts: a container that exited will never answer, so stop waiting. */
  stillRunning?: () => Promise<boolean>
}

/** Resolves 'ready', 'exited' (the container stopped) or 'timeout'. */
export async function waitForRegistry(base: string, opts: WaitOptions): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + opts.timeoutMs
  for (;;) {
    if (await registryAnswers(base, Math.min(2000, Math.max(200, deadline - Date.now())))) return 'ready'
    if (opts.stillRunning && !(await opts.stillRunning())) return 'exited'
    if (Date.now() >= deadline) return 'timeout'
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250))
  }
}

/** The registry answered, but wants a login Berth does not have. */
export class CatalogLoginRequired extends Error {
  constructor() {
    super('the registry asks for a login (no saved credentials for it)')
  }
}

/** Counts the repositories of the catalog, following registry:2's relative Link pagination. */
export async function countRepositories(base: string, creds?: BasicCredentials, timeoutMs = 3000): Promise<number> {
  let url: string | undefined = `${base}/v2/_catalog?n=1000`
  let count = 0
  for (let page = 0; url && page < 1000; page++) {
    const res: Dispatcher.ResponseData = await request(url, { method: 'GET', headers: { accept: 'application/json', ...authHeader(creds) }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs })
    if (res.statusCode === 401) {
      await res.body.dump()
      throw new CatalogLoginRequired()
    }
    if (res.statusCode !== 200) {
      await res.body.dump()
      throw new Error(`the catalog answered HTTP ${res.statusCode}`)
    }
    const body = (await res.body.json()) as { repositories?: unknown }
    count += Array.isArray(body.repositories) ? body.repositories.length : 0
    const link: string | string[] | undefined = res.headers.link
    const next: string | undefined = typeof link === 'string' ? /<([^>]+)>;\s*rel="?next"?/.exec(link)?.[1] : undefined
    url = next ? new URL(next, base).href : undefined
  }
  return count
}
