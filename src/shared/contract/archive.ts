// Air gap: export tags of a registry (an OCI image layout tar, `oci-archive`) or local images
// (a `docker save` tar) into one file, and import such a file straight into a registry. Both run
// as transfers (kinds 'export' and 'import'): bytes, Cancel, errors, the transfers list.
import { z } from 'zod'
import { chosenRegistryId as registryId, imageRefField, typedRepository as repository, typedTag as tag } from './fields'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { TransferSnapshot } from './transferTypes'

/** A path on the machine Berth runs on (Electron only: the web mode downloads and uploads). */
const path = z.string().trim().min(1, said(m('errors.input.pathRequired'))).max(4096, said(m('errors.input.pathTooLong', { max: 4096 })))

export const exportSource = z.discriminatedUnion('kind', [
  /** Tags of one repository of a registry (omitted: every tag) → an OCI image layout tar. */
  z.object({ kind: z.literal('registry'), registryId, repository, tags: z.array(tag).min(1, said(m('errors.input.chooseTag'))).max(1000, said(m('errors.input.tooManyTags'))).optional() }),
  /** Local images by reference or ID → a `docker save` tar, written by the engine. */
  z.object({ kind: z.literal('engine'), images: z.array(imageRefField(m('errors.input.archive.chooseImage'))).min(1, said(m('errors.input.archive.images'))).max(1000, said(m('errors.input.archive.tooManyImages'))) })
])

export const exportInput = z.object({
  from: exportSource,
  /** Electron: the file to write (from the save dialog). Omitted in the web mode: the browser downloads it. */
  path: path.optional()
})

export type ExportSource = z.output<typeof exportSource>
export type ExportInput = z.output<typeof exportInput>

export const importTarget = z.object({
  registryId,
  /** Where images go that the archive names only by tag (or not at all); else each keeps its repository. */
  repository: repository.optional()
})
export type ImportTarget = z.output<typeof importTarget>

export const archiveCalls = {
  /** Starts an export; in the web mode it waits for the browser's download (ARCHIVE_DOWNLOAD_ROUTE). */
  'transfers.export': exportInput,
  /** Pushes an archive on this machine into a registry without the engine (web mode: ARCHIVE_IMPORT_ROUTE). */
  'transfers.import': importTarget.extend({ path }),
  /** Electron: asks where to save an archive (the system's save dialog); null when cancelled. */
  /** `filterName`: the dialog's name for .tar files, in the user's language (main does not know the renderer's choice). */
  'archive.choosePath': z.object({ defaultName: z.string().trim().min(1).max(255), filterName: z.string().trim().min(1).max(100) })
}

export interface ArchiveResults {
  'transfers.export': TransferSnapshot
  'transfers.import': TransferSnapshot
  'archive.choosePath': { path: string | null }
}

/** Web mode: GET /api/transfers/export?id=<transfer id> streams that export's archive as a download. */
export const ARCHIVE_DOWNLOAD_ROUTE = 'transfers/export'
/** Web mode: POST /api/transfers/import?name=&registryId=&repository= with the archive as the body. */
export const ARCHIVE_IMPORT_ROUTE = 'transfers/import'

/** A file name for an export: the repository (or first image) and what was chosen, made safe for any file system. */
export function archiveFileName(from: ExportSource): string {
  const base =
    from.kind === 'registry'
      ? `${from.repository}${from.tags?.length === 1 ? `-${from.tags[0]}` : from.tags ? `-${from.tags.length}-tags` : ''}`
      : `${from.images[0]}${from.images.length > 1 ? `-and-${from.images.length - 1}-more` : ''}`
  const safe = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120) || 'images'
  return `${safe}${from.kind === 'registry' ? '.oci' : ''}.tar`
}
