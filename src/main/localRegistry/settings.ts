// What the user chose for the local registry (port, sharing, basic-auth user), kept in Berth's
// data folder so a re-created container gets the same setup. The container itself stays the
// truth while it exists; this file is only the recipe for the next one.
import { readFile } from 'node:fs/promises'
import type { Notice } from '@shared/contract/notices'
import { isValidPort } from '@shared/port'
import { writeOwnJsonFile } from '../ownJsonFile'
import { keepDamagedFile } from '../damagedFile'
import type { RegistrySetup } from './spec'
import { m } from '@shared/i18n/message'

export interface LocalRegistrySettings {
  port?: number
  shared?: boolean
  /** Basic auth is on with this user; the bcrypt hash lives in the volume, the password in the credential store. */
  authUser?: string
}

/** `onDamaged`: the file could not be parsed and was kept aside (never overwritten unseen). */
export async function readSettings(file: string, onDamaged: (notice: Notice) => void = () => {}): Promise<LocalRegistrySettings> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return {}
  }
  try {
    const raw = JSON.parse(text) as Record<string, unknown>
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a JSON object')
    const out: LocalRegistrySettings = {}
    if (typeof raw.port === 'number' && isValidPort(raw.port)) out.port = raw.port
    if (typeof raw.shared === 'boolean') out.shared = raw.shared
    if (typeof raw.authUser === 'string' && raw.authUser) out.authUser = raw.authUser
    return out
  } catch (e) {
    // A damaged file only loses preferences; the defaults are safe (loopback, port 5000, no auth).
    onDamaged(keepDamagedFile(file, m('errors.damaged.localSettings'), (e as Error).message))
    return {}
  }
}

export async function writeSettings(file: string, settings: LocalRegistrySettings): Promise<void> {
  await writeOwnJsonFile(file, settings, 0o600)
}

/** Merges `change` into the saved choices; a key set to undefined is forgotten. */
export async function updateSettings(file: string, change: Partial<LocalRegistrySettings>, onDamaged?: (notice: Notice) => void): Promise<void> {
  const next = { ...(await readSettings(file, onDamaged)), ...change }
  for (const key of Object.keys(next) as (keyof LocalRegistrySettings)[]) if (next[key] === undefined) delete next[key]
  await writeSettings(file, next)
}

/** The setup for a container that does not exist yet: the saved choices, else the defaults. */
export function setupFromSettings(settings: LocalRegistrySettings, defaultPort: number): RegistrySetup {
  return { port: settings.port ?? defaultPort, shared: settings.shared ?? false, ...(settings.authUser ? { authUser: settings.authUser } : {}) }
}
