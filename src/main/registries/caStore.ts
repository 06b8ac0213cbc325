// CA certificates that arrive as text (web mode uploads or pastes them): kept in Berth's data
// directory, one file per registry, so the registry client reads them like any CA file.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../credentials/store'

/** Writes the PEM and returns its path. `id` is Berth's own registry id (a UUID), never user text. */
export async function storeCaPem(dir: string, id: string, pem: string): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const file = join(dir, `${id.replace(/[^A-Za-z0-9-]/g, '_')}.pem`)
  await writeFileAtomic(file, pem.endsWith('\n') ? pem : `${pem}\n`, 0o600)
  return file
}
