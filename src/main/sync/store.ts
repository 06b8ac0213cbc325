// Saved sync sets: sync-sets.json in the data directory, written atomically.
import { syncSetInput, type SyncSet } from '@shared/contract/sync'
import { readOwnJsonFile, writeOwnJsonFile } from '../ownJsonFile'

export function readSyncSets(file: string): SyncSet[] {
  const parsed = readOwnJsonFile(file) as { sets?: unknown } | undefined
  if (!Array.isArray(parsed?.sets)) return []
  // Only sets that still pass today's rules; a hand-edited bad one is skipped, not fatal.
  return parsed.sets.flatMap((s) => {
    const ok = syncSetInput.safeParse(s)
    return ok.success && ok.data.id ? [{ ...ok.data, id: ok.data.id }] : []
  })
}

export function writeSyncSets(file: string, sets: SyncSet[]): Promise<void> {
  return writeOwnJsonFile(file, { version: 1, sets }, 0o644)
}
