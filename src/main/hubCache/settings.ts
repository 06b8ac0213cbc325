// What the user chose for the cache (port, upstream, login user), kept in hub-cache.json so a
// re-created container gets the same setup; the password is sealed in its own credential file.
import { readFile } from 'node:fs/promises'
import { isValidPort } from '@shared/port'
import { writeOwnJsonFile } from '../ownJsonFile'

export interface HubCacheSettings {
  port?: number
  upstream?: string
  username?: string
}

export async function readCacheSettings(file: string): Promise<HubCacheSettings> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    const out: HubCacheSettings = {}
    if (typeof raw.port === 'number' && isValidPort(raw.port)) out.port = raw.port
    if (typeof raw.upstream === 'string' && raw.upstream) out.upstream = raw.upstream
    if (typeof raw.username === 'string' && raw.username) out.username = raw.username
    return out
  } catch {
    // Missing or unreadable: only preferences are lost; the defaults (Docker Hub, 5001) are safe.
    return {}
  }
}

export function writeCacheSettings(file: string, settings: HubCacheSettings): Promise<void> {
  return writeOwnJsonFile(file, settings, 0o600)
}
