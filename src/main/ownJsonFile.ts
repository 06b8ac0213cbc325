// Files Berth writes for itself (transfer history, sync sets): a missing one is nothing yet, and
// one that cannot be read or parsed is logged and read as nothing rather than stopping Berth.
import { readFileSync } from 'node:fs'
import { writeFileAtomic } from './credentials/store'

export function readOwnJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`[berth] ignoring ${file}: ${(e as Error).message}`)
    return undefined
  }
}

/** Writes `data` as indented JSON, all or nothing (see writeFileAtomic); `mode` 0o600 for anything private. */
export function writeOwnJsonFile(file: string, data: unknown, mode: number): Promise<void> {
  return writeFileAtomic(file, JSON.stringify(data, null, 2) + '\n', mode)
}
