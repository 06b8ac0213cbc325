// The user's registry list on disk: registries.json in the data directory. Written atomically
// (temp file, fsync, rename, fsync the folder), so a crash mid-write leaves the old list or the
// new one, never half of either.
import { readdirSync, readFileSync, unlinkSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Notice } from '@shared/contract/notices'
import type { RegistryEntry } from '@shared/contract/registries'
import { keepDamagedFile } from '../damagedFile'
import { writeOwnJsonFile } from '../ownJsonFile'
import { m } from '@shared/i18n/message'

interface FileShape {
  version: 1
  registries: RegistryEntry[]
}

export interface LoadedList {
  entries: RegistryEntry[]
  /** Set when the file was unreadable and was moved aside. */
  problem?: string
  /** What to tell the user once about it. */
  notice?: Notice
}

/** Reads the list (synchronously: it is small and needed before the first call). */
export function readRegistryList(file: string): LoadedList {
  removeStaleTemps(file)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [] }
    return { entries: [], problem: `Cannot read ${file}: ${(e as Error).message}` }
  }
  try {
    const parsed = JSON.parse(text) as Partial<FileShape>
    if (!parsed || !Array.isArray(parsed.registries)) throw new Error('no "registries" list')
    return { entries: parsed.registries.filter(isEntry).map(clean) }
  } catch (e) {
    // Keep the damaged file for the user instead of overwriting it with an empty list.
    const notice = keepDamagedFile(file, m('errors.damaged.registryList'), (e as Error).message)
    return { entries: [], problem: notice.message, notice }
  }
}

export async function writeRegistryList(file: string, entries: RegistryEntry[]): Promise<void> {
  const data: FileShape = { version: 1, registries: entries.filter((e) => !e.managed).map(clean) }
  await writeOwnJsonFile(file, data, 0o644)
}

function isEntry(v: unknown): v is RegistryEntry {
  const e = v as Partial<RegistryEntry>
  return !!e && typeof e.id === 'string' && typeof e.address === 'string' && (e.scheme === 'https' || e.scheme === 'http') && !e.managed
}

function clean(e: RegistryEntry): RegistryEntry {
  const out: RegistryEntry = { id: e.id, name: typeof e.name === 'string' && e.name ? e.name : e.address, address: e.address, scheme: e.scheme }
  if (e.caFile) out.caFile = e.caFile
  if (e.insecureSkipVerify) out.insecureSkipVerify = true
  return out
}

/** Temp files a crash left behind (writeFileAtomic names them `<file>.<pid>.<random>.tmp`). */
function removeStaleTemps(file: string): void {
  const prefix = `${basename(file)}.`
  try {
    for (const name of readdirSync(dirname(file))) {
      if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
      const pid = Number(name.slice(prefix.length).split('.')[0])
      if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) unlinkSync(join(dirname(file), name))
    }
  } catch {
    /* the folder may not exist yet */
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
