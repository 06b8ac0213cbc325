// Export/import tests: a TransferService wired for copies and archives over these registries,
// and skopeo run against an archive file.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { ArchiveRunner } from '../../src/main/archive'
import { CopyRunner, type CopyRegistry } from '../../src/main/copy'
import { testDocker } from './engine'
import { recordingTransfers, type RecordingService } from './pushHelpers'

export function archiveTransfers(entries: Record<string, CopyRegistry>): RecordingService & { archive: ArchiveRunner } {
  const copier = new CopyRunner({
    registry: (id) => {
      const e = entries[id]
      if (!e) throw new Error(`no registry ${id}`)
      return e
    },
    credentials: async () => undefined
  })
  const archive = new ArchiveRunner(copier)
  return { ...recordingTransfers(testDocker(), { copier, archive }), archive }
}

const run = promisify(execFile)

export async function skopeo(...args: string[]): Promise<string> {
  const { stdout } = await run('skopeo', args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })
  return stdout
}

/** The digest of what `skopeo inspect --raw` prints for an image in an archive. */
export async function rawDigest(transport: string): Promise<string> {
  const { stdout } = await run('skopeo', ['inspect', '--raw', transport], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 })
  return `sha256:${createHash('sha256').update(stdout).digest('hex')}`
}
