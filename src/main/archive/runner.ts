// The export and import kinds of transfer: inputs become specs (registries checked, names shown)
// and run with their own registry connection. The transfer service owns the lifecycle (list,
// cancel, retry, history); this file owns what an export or import does.
import { basename } from 'node:path'
import { unlink } from 'node:fs/promises'
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { archiveFileName, type ExportInput, type ExportSource } from '@shared/contract/archive'
import type { CopyRegistry, CopyRunner } from '../copy'
import { CopyProgress } from '../copy/progress'
import type { Clock } from '../engine/progress/rate'
import { listTags } from '../registry/tags'
import { ArchiveDownloads } from './downloads'
import { writeDockerSave } from './exportEngine'
import { writeOciArchive } from './exportRegistry'
import { pushArchive } from './importRegistry'
import { planImport } from './plan'
import { scanArchive } from './scan'
import { checkOutputPath, fileSink, type ArchiveSink } from './sinks'

export interface ExportSpec {
  kind: 'export'
  from: ExportSource
  /** The registry of a registry export. */
  registry?: CopyRegistry
  /** Electron: the file; absent in the web mode (the browser's download). */
  path?: string
  fileName: string
  reference: string
  sourceLabel: string
}

export interface ImportSpec {
  kind: 'import'
  path: string
  /** The archive's name as the user knows it (an upload's temporary file has another). */
  fileName: string
  registry: CopyRegistry
  repository?: string
  /** An upload kept only for this import: removed when it ends. */
  temporary?: boolean
  reference: string
  sourceLabel: string
}

export class ArchiveRunner {
  readonly downloads = new ArchiveDownloads()

  constructor(private readonly copier: CopyRunner) {}

  async prepareExport(input: ExportInput): Promise<ExportSpec> {
    const fileName = input.path ? basename(input.path) : archiveFileName(input.from)
    const path = input.path ? await checkOutputPath(input.path) : undefined
    if (input.from.kind === 'engine') {
      // Names, not a sentence: the label is the same in every language.
      const images = input.from.images
      const label = images.length <= 3 ? images.join(', ') : `${images.slice(0, 3).join(', ')}, … (${images.length})`
      return { kind: 'export', from: input.from, path, fileName, reference: fileName, sourceLabel: label }
    }
    const registry = await this.copier.registry(input.from.registryId)
    const tags = input.from.tags
    // Names only, as above: the repository alone for every tag, else its tags (at most 3, then the count).
    const what = tags === undefined ? '' : `:${tags.length <= 3 ? tags.join(', ') : `${tags.slice(0, 3).join(', ')}, … (${tags.length})`}`
    return { kind: 'export', from: input.from, registry, path, fileName, reference: fileName, sourceLabel: `${registry.address}/${input.from.repository}${what}` }
  }

  async prepareImport(input: { path: string; fileName?: string; registryId: string; repository?: string; temporary?: boolean }): Promise<ImportSpec> {
    const registry = await this.copier.registry(input.registryId)
    const fileName = input.fileName ?? basename(input.path)
    return {
      kind: 'import',
      path: input.path,
      fileName,
      registry,
      ...(input.repository ? { repository: input.repository } : {}),
      ...(input.temporary ? { temporary: true } : {}),
      reference: `${registry.address}${input.repository ? `/${input.repository}` : ''}`,
      sourceLabel: fileName
    }
  }

  progress(spec: ExportSpec | ImportSpec, id: string, clock?: Clock): CopyProgress {
    return new CopyProgress({ id, kind: spec.kind, reference: spec.reference, source: spec.sourceLabel, registry: spec.kind === 'import' ? spec.registry.address : (spec.registry?.address ?? ''), clock })
  }

  async runExport(spec: ExportSpec, id: string, docker: () => Docker, progress: CopyProgress, signal: AbortSignal): Promise<void> {
    progress.start()
    if (!spec.path) progress.note(m('archiveNote.waitingDownload'))
    const sink: ArchiveSink = spec.path ? await fileSink(spec.path) : await this.downloads.wait(id, spec.fileName, signal)
    progress.note(undefined)
    try {
      const from = spec.from
      if (from.kind === 'engine') {
        await writeDockerSave(docker(), from.images, sink.stream, progress, signal)
        progress.finish(undefined, m('archiveNote.saved', { what: from.images.length === 1 ? from.images[0]! : m('archiveNote.nImages', { count: from.images.length }), file: spec.fileName }))
      } else {
        const written = await this.copier.withEnds(spec.registry!, spec.registry!, async ({ source }) => {
          const tags = from.tags ?? (await listTags(source, from.repository))
          if (tags.length === 0) throw new BerthError('NOT_FOUND', m('errors.archive.noTags', { repository: from.repository }), m('hints.archive.pickRepository'))
          return writeOciArchive(source, from.repository, tags, sink.stream, progress, signal)
        })
        await sink.commit()
        progress.finish(written.length === 1 ? written[0]!.digest : undefined, m('archiveNote.wrote', { what: written.length === 1 ? `${from.repository}:${written[0]!.tag}` : m('archiveNote.nTags', { count: written.length }), file: spec.fileName }))
        return
      }
      await sink.commit()
    } catch (e) {
      await sink.discard()
      throw e
    }
  }

  async runImport(spec: ImportSpec, progress: CopyProgress, signal: AbortSignal): Promise<void> {
    progress.start()
    try {
      progress.note(m('archiveNote.readingFile', { name: spec.fileName }))
      const plan = planImport(await scanArchive(spec.path, signal), spec.repository)
      const pushed = await this.copier.withEnds(spec.registry, spec.registry, ({ target }) => pushArchive(target, spec.path, plan, progress, signal))
      const names = pushed.map((p) => `${p.repository}:${p.tag}`)
      const done = m('archiveNote.pushed', { what: names.length <= 3 ? names.join(', ') : m('archiveNote.nTags', { count: names.length }) })
      progress.finish(pushed.length === 1 ? pushed[0]!.digest : undefined, plan.notes.reduce((first, second) => m('copyNote.both', { first, second }), done))
    } finally {
      if (spec.temporary && (progress.snapshot().state === 'done' || signal.aborted)) await unlink(spec.path).catch(() => undefined)
    }
  }
}
