// Saved sync sets: sync-sets.json in the data directory, written atomically.
import { readFileSync } from 'node:fs'
import { syncSetInput, type SyncSet } from '@shared/contract/sync'
import { writeFileAtomic } from '../credentials/store'

export function readSyncSets(file: string): SyncSet[] {
  let parsed: { sets?: unknown }
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as { sets?: unknown }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`[berth] ignoring ${file}: ${(e as Error).message}`)
    return []
  }
  if (!Array.isArray(parsed?.sets)) return []
  // Only sets that still pass today's rules; a hand-edited bad one is skipped, not fatal.
  return parsed.sets.flatMap((s) => {
    const ok = syncSetInput.safeParse(s)
    return ok.success && ok.data.id ? [{ ...ok.data, id: ok.data.id }] : []
  })
}

export function writeSyncSets(file: string, sets: SyncSet[]): Promise<void> {
  return writeFileAtomic(file, JSON.stringify({ version: 1, sets }, null, 2) + '\n', 0o644)
}
