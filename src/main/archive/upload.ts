// Web mode: an archive dropped in the browser arrives as the body of POST /api/transfers/import.
// An import reads its archive twice (what it holds, then the layers the registry lacks), so the
// upload is streamed to a file in the data directory first, never held in memory. The file stays
// for Retry while the import has not succeeded, and goes at the next start at the latest.
import { randomUUID } from 'node:crypto'
import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { issueMessage } from '@shared/contract/issueMessage'
import { importTarget } from '@shared/contract/archive'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { TransferService } from '../transfers'
import { cleanName } from '../transfers/upload'

export class ImportUploads {
  constructor(private readonly dir: string) {
    // Left by a previous run: their imports cannot be retried any more.
    try {
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { force: true })
    } catch {
      /* no folder yet */
    }
  }

  async receive(transfers: TransferService, req: IncomingMessage, url: URL): Promise<TransferSnapshot> {
    const parsed = importTarget.safeParse({ registryId: url.searchParams.get('registryId') ?? '', repository: url.searchParams.get('repository') || undefined })
    if (!parsed.success) {
      req.resume()
      const issue = parsed.error.issues[0]
      throw new BerthError('INVALID_INPUT', issue ? issueMessage(issue.message) : m('errors.input.copy.registry'), m('hints.archive.chooseTarget'))
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const file = join(this.dir, `${randomUUID()}.tar`)
    try {
      await pipeline(req, createWriteStream(file, { mode: 0o600 }))
    } catch (e) {
      rmSync(file, { force: true })
      throw new BerthError('INVALID_INPUT', m('errors.archive.uploadStopped', { reason: (e as Error).message }), m('hints.transfers.dropAgain'))
    }
    try {
      return await transfers.import({ path: file, fileName: cleanName(url.searchParams.get('name')), ...parsed.data, temporary: true })
    } catch (e) {
      rmSync(file, { force: true })
      throw e
    }
  }
}
