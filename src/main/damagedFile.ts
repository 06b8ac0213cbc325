import { renameSync } from 'node:fs'
import type { Notice } from '@shared/contract/notices'

/**
 * A settings file that cannot be parsed is moved aside (never silently overwritten) and the
 * user is told once where the copy is.
 */
export function keepDamagedFile(file: string, what: string, why: string): Notice {
  const aside = `${file}.damaged-${Date.now()}`
  try {
    renameSync(file, aside)
  } catch (e) {
    return { message: `${what} (${file}) is damaged (${why}) and could not be moved aside: ${(e as Error).message}.`, hint: 'Fix or delete the file, then restart Berth.' }
  }
  return { message: `${what} was damaged (${why}); Berth started from defaults and kept the damaged copy at ${aside}.`, hint: 'Open the copy to recover what you need; Berth does not read it again.', keptAt: aside }
}
