// Talks to the running registry over HTTP: "does /v2/ answer yet?" (undici's request, not
// fetch: fetch refuses some ports outright, and the user picks the port) and "how many
// repositories?" (the registry client, which pages the catalog like every other caller).
import { request } from 'undici'
import { isAuthError } from '@shared/contract/errors'
import type { RegistryScheme } from '@shared/contract/registryTypes'
import { createRegistryClient } from '../registry'

export interface BasicCredentials {
  username: string
  password: string
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

/** Counts the repositories of the catalog, every page of it. */
export async function countRepositories(base: string, creds?: BasicCredentials, timeoutMs = 3000): Promise<number> {
  const url = new URL(base)
  const client = createRegistryClient({ address: url.host, scheme: url.protocol.slice(0, -1) as RegistryScheme, credentials: async () => creds, timeoutMs })
  try {
    let count = 0
    for await (const page of client.catalogAll()) count += page.repositories.length
    return count
  } catch (e) {
    if (isAuthError(e)) throw new CatalogLoginRequired()
    throw e
  } finally {
    await client.close()
  }
}
