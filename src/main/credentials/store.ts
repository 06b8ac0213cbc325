// Berth's own registry credentials: one JSON file, passwords sealed by an injected SecretBox
// (Electron passes safeStorage; the web mode passes plainSecretBox and relies on the file's
// 0600 mode). Writes are atomic (temp file, fsync, rename) so a crash never leaves half a file.
import { randomBytes } from 'node:crypto'
import { chmod, mkdir, open, readFile, rename, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { BerthError } from '@shared/contract/errors'
import { registryKey } from './registryKey'
import { OneAtATime } from '../oneAtATime'
import { m } from '@shared/i18n/message'

export interface SecretBox {
  encrypt(secret: string): Buffer
  decrypt(sealed: Buffer): string
  /** How secrets are protected, shown to the user (e.g. "macOS Keychain", "file readable only by you"). */
  description: string
}

/** No encryption: the web mode's box. The store's 0600 file mode is the only protection. */
export const plainSecretBox: SecretBox = {
  encrypt: (s) => Buffer.from(s, 'utf8'),
  decrypt: (b) => b.toString('utf8'),
  description: 'stored unencrypted in a file only your user can read'
}

export interface StoredLogin {
  username: string
  password: string
}

export interface StoredLoginInfo {
  registry: string
  username: string
  /** Epoch milliseconds. */
  updatedAt: number
}

interface FileEntry {
  username: string
  /** base64 of the SecretBox's sealed bytes. */
  secret: string
  updatedAt: number
}

interface FileShape {
  version: 1
  protection: string
  /** A Map, not an object: `__proto__` and `constructor` are ordinary registry names here. */
  registries: Map<string, FileEntry>
}

export interface CredentialStoreOptions {
  /** The JSON file; its folder is created with mode 0700 if missing. */
  file: string
  box: SecretBox
  clock?: () => number
}

export class CredentialStore {
  private readonly file: string
  private readonly box: SecretBox
  private readonly clock: () => number
  // Read-modify-write must not interleave within this process.
  private readonly queue = new OneAtATime()

  constructor(options: CredentialStoreOptions) {
    this.file = options.file
    this.box = options.box
    this.clock = options.clock ?? Date.now
  }

  get protection(): string {
    return this.box.description
  }

  async set(registry: string, login: StoredLogin): Promise<void> {
    const key = validRegistry(registry)
    if (!login.username?.trim()) throw new BerthError('INVALID_INPUT', m('errors.credentials.userRequired'), m('hints.credentials.enterUser'))
    if (!login.password) throw new BerthError('INVALID_INPUT', m('errors.credentials.passwordRequired'), m('hints.credentials.enterPassword'))
    return this.exclusive(async () => {
      const data = await this.read()
      data.registries.set(key, {
        username: login.username.trim(),
        secret: this.box.encrypt(login.password).toString('base64'),
        updatedAt: this.clock()
      })
      data.protection = this.box.description
      await this.write(data)
    })
  }

  async get(registry: string): Promise<StoredLogin | undefined> {
    const key = validRegistry(registry)
    return this.exclusive(async () => {
      const entry = (await this.read()).registries.get(key)
      if (!entry) return undefined
      let password: string
      try {
        password = this.box.decrypt(Buffer.from(entry.secret, 'base64'))
      } catch {
        throw new BerthError(
          'AUTH_REQUIRED',
          m('errors.credentials.undecryptable', { registry: key }),
          m('hints.credentials.enterAgain', { registry: key }),
          { registry: key }
        )
      }
      return { username: entry.username, password }
    })
  }

  /** True when something was removed. */
  async remove(registry: string): Promise<boolean> {
    const key = validRegistry(registry)
    return this.exclusive(async () => {
      const data = await this.read()
      if (!data.registries.delete(key)) return false
      await this.write(data)
      return true
    })
  }

  /** Registries and user names only: never a secret. */
  async list(): Promise<StoredLoginInfo[]> {
    return this.exclusive(async () => {
      const data = await this.read()
      return [...data.registries]
        .map(([registry, e]) => ({ registry, username: e.username, updatedAt: e.updatedAt }))
        .sort((a, b) => a.registry.localeCompare(b.registry))
    })
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.run(fn)
  }

  private async read(): Promise<FileShape> {
    let text: string
    try {
      text = await readFile(this.file, 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return empty(this.box.description)
      throw new BerthError('INTERNAL', m('errors.credentials.unreadable', { reason: (err as Error).message }), m('hints.checkPermissions', { file: this.file }))
    }
    try {
      const parsed = JSON.parse(text) as { version?: unknown; protection?: unknown; registries?: unknown }
      if (parsed?.version !== 1 || typeof parsed.registries !== 'object' || parsed.registries === null) throw new Error('unexpected layout')
      // JSON.parse makes `__proto__` an own key; Object.entries sees it like any other.
      const registries = new Map(Object.entries(parsed.registries as Record<string, FileEntry>).filter(([, e]) => isFileEntry(e)))
      return { version: 1, protection: String(parsed.protection ?? ''), registries }
    } catch {
      throw new BerthError(
        'INTERNAL',
        m('errors.credentials.damaged'),
        m('hints.credentials.deleteFile', { file: this.file }),
        { file: this.file }
      )
    }
  }

  private async write(data: FileShape): Promise<void> {
    // Object.fromEntries defines own properties, so a `__proto__` key is written as data too.
    const shape = { version: data.version, protection: data.protection, registries: Object.fromEntries(data.registries) }
    await writeFileAtomic(this.file, JSON.stringify(shape, null, 2) + '\n')
  }
}

function isFileEntry(e: unknown): e is FileEntry {
  const v = e as Partial<FileEntry> | null
  return !!v && typeof v === 'object' && typeof v.username === 'string' && typeof v.secret === 'string'
}

/**
 * Writes `text` to `file` so that readers see the old or the new content, never a mix:
 * a 0600 temp file next to it, fsync, rename over, then fsync the folder (best effort).
 */
export async function writeFileAtomic(file: string, text: string, mode = 0o600): Promise<void> {
  const dir = dirname(file)
  // recursive mkdir applies the mode only to folders it creates; an existing folder is left alone.
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(tmp, 'wx', mode)
  try {
    try {
      await handle.chmod(mode) // the umask may have removed bits we want; it never adds any
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, file)
  } catch (err) {
    await unlink(tmp).catch(() => undefined)
    throw err
  }
  await chmod(file, mode).catch(() => undefined)
  await syncDir(dir)
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable on Linux; not possible on Windows, harmless to skip there.
  try {
    const h = await open(dir, 'r')
    try {
      await h.sync()
    } finally {
      await h.close()
    }
  } catch {
    /* best effort */
  }
}

function validRegistry(registry: string): string {
  const key = typeof registry === 'string' ? registryKey(registry) : ''
  if (!key || /\s/.test(key)) throw new BerthError('INVALID_INPUT', m('errors.registry.badAddress', { address: String(registry) }), m('hints.registry.addressFormLocal'))
  return key
}

function empty(protection: string): FileShape {
  return { version: 1, protection, registries: new Map() }
}
