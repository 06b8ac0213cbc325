// What the user chose for the cache (port, upstream, login user), kept in hub-cache.json so a
// re-created container gets the same setup; the password is sealed in its own credential file.
import { readFile } from 'node:fs/promises'
import { writeFileAtomic } from '../credentials/store'

export interface HubCacheSettings {
  port?: number
  upstream?: string
  username?: string
}

export async function readCacheSettings(file: string): Promise<HubCacheSettings> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>
    const out: HubCacheSettings = {}
    if (Number.isInteger(raw.port) && (raw.port as number) > 0 && (raw.port as number) < 65536) out.port = raw.port as number
    if (typeof raw.upstream === 'string' && raw.upstream) out.upstream = raw.upstream
    if (typeof raw.username === 'string' && raw.username) out.username = raw.username
    return out
  } catch {
    // Missing or unreadable: only preferences are lost; the defaults (Docker Hub, 5001) are safe.
    return {}
  }
}

export function writeCacheSettings(file: string, settings: HubCacheSettings): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(settings, null, 2) + '\n', 0o600)
}
