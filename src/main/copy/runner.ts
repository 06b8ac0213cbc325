// The copy kind of transfer: turns "Copy to…" input into a spec (registries checked, names
// shown), and runs it with its own connections to both registries. The transfer service owns
// the run's lifecycle (list, cancel, retry); this file owns what a copy does.
import { BerthError } from '@shared/contract/errors'
import { copyOntoItself, type CopyInput } from '@shared/contract/copy'
import { mirrorSource } from '@shared/contract/sync'
import type { RegistryEntry } from '@shared/contract/registries'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import { registryKey } from '../credentials/registryKey'
import type { Clock } from '../engine/progress/rate'
import { listTags } from '../registry/tags'
import { cacheRefusesPushes } from '../transfers/preflight'
import { Transport, type TransportOptions } from '../registry/transport'
import type { CopyEnds } from './blobCopy'
import { copyImages, type CopiedImage, type CopyItem } from './copyImages'
import { CopyProgress } from './progress'
import { m, type Msg } from '@shared/i18n/message'

export type CopyRegistry = Pick<RegistryEntry, 'id' | 'name' | 'address' | 'scheme' | 'caFile' | 'insecureSkipVerify'>

export interface CopyRunnerOptions {
  /** The registry entry for an id; throws NOT_FOUND for an unknown one. */
  registry(id: string): Promise<CopyRegistry> | CopyRegistry
  /** Credentials for a registry, looked up only when it asks for them. */
  credentials(entry: CopyRegistry): Promise<RegistryCredentials | undefined>
  /** True for a registry that refuses every push (Berth's Docker Hub cache): never a copy's target. */
  refusesPushes?: (address: string) => Promise<boolean>
  /** Extra transport options (tests: timeouts). */
  transport?: Partial<TransportOptions>
  /** Blobs in flight per copy. */
  concurrency?: number
  /** A sync run's items, planned at run time with the run's own connections (plan = run). */
  syncItems?: (setId: string, ends: CopyEnds, signal: AbortSignal) => Promise<{ items: CopyItem[]; note?: Msg }>
}

export interface CopySpec {
  kind: 'copy'
  /** "Copy to…": these tags. A sync run has no input: it plans its items when it starts. */
  input?: CopyInput
  sync?: { setId: string; name: string }
  source: CopyRegistry
  target: CopyRegistry
  /** What the transfers list shows: the target and the source. */
  reference: string
  sourceLabel: string
}

export class CopyRunner {
  constructor(private readonly opts: CopyRunnerOptions) {}

  /** The registry entry for an id (exports and imports use the same lookup). */
  async registry(id: string): Promise<CopyRegistry> {
    return this.opts.registry(id)
  }

  async prepare(input: CopyInput): Promise<CopySpec> {
    const [source, target] = await Promise.all([this.opts.registry(input.from.registryId), this.opts.registry(input.to.registryId)])
    const tags = input.from.tags
    const one = tags?.length === 1 ? tags[0] : undefined
    const itself = copyOntoItself(input, isSameRegistry(source, target))
    if (itself) throw new BerthError('INVALID_INPUT', itself, m('hints.copy.elsewhere'))
    await this.assertWritable(target)
    const count = tags === undefined ? 'every tag' : tags.length === 1 ? undefined : `${tags.length} tags`
    const reference = `${target.address}/${input.to.repository}${count ? ` (${count})` : `:${input.to.tag ?? one}`}`
    const sourceLabel = `${source.address}/${input.from.repository}${count ? ` (${count})` : `:${one}`}`
    return { kind: 'copy', input, source, target, reference, sourceLabel }
  }

  /** A run of a saved sync set, shown as "sync NAME" in the transfers list. */
  async prepareSync(set: { id: string; name: string; sourceRegistryId?: string; sourceMirror?: string; targetRegistryId: string }): Promise<CopySpec> {
    // A typed mirror is no sidebar entry: it is reached with the credentials kept for its address.
    const source = set.sourceMirror ? mirrorSource(set.sourceMirror) : this.opts.registry(set.sourceRegistryId ?? '')
    const [from, target] = await Promise.all([source, this.opts.registry(set.targetRegistryId)])
    return this.syncSpec(set, from, target)
  }

  private async syncSpec(set: { id: string; name: string }, source: CopyRegistry, target: CopyRegistry): Promise<CopySpec> {
    if (isSameRegistry(source, target)) throw new BerthError('INVALID_INPUT', m('errors.sync.ontoItself', { name: set.name, registry: source.name }), m('hints.sync.otherTarget'))
    await this.assertWritable(target)
    return { kind: 'copy', sync: { setId: set.id, name: set.name }, source, target, reference: `${target.address} (sync set "${set.name}")`, sourceLabel: source.address }
  }

  private async assertWritable(target: CopyRegistry): Promise<void> {
    if (await this.opts.refusesPushes?.(target.address).catch(() => false)) throw cacheRefusesPushes(target.address)
  }

  progress(spec: CopySpec, id: string, clock?: Clock): CopyProgress {
    return new CopyProgress({ id, reference: spec.reference, source: spec.sourceLabel, registry: spec.target.address, clock })
  }

  async run(spec: CopySpec, progress: CopyProgress, signal: AbortSignal): Promise<CopiedImage[]> {
    return this.withEnds(spec.source, spec.target, async (ends) => {
      progress.start()
      const { items, note } = await this.items(spec, ends, progress, signal)
      const copied = await copyImages(ends, items, progress, signal, { concurrency: this.opts.concurrency })
      const done = copied.length === 1 && !spec.sync ? undefined : copied.length === 0 ? m('copyNote.nothing') : m('copyNote.copied', { count: copied.length })
      progress.finish(copied.length === 1 && !spec.sync ? copied[0]!.digest : undefined, done && note ? m('copyNote.both', { first: done, second: note }) : (done ?? note))
      return copied
    })
  }

  /** Connections to both registries (one when they are the same), closed afterwards. */
  async withEnds<T>(sourceEntry: CopyRegistry, targetEntry: CopyRegistry, fn: (ends: CopyEnds) => Promise<T>): Promise<T> {
    const sameRegistry = isSameRegistry(sourceEntry, targetEntry)
    const source = this.transport(sourceEntry)
    const target = sameRegistry ? source : this.transport(targetEntry)
    try {
      return await fn({ source, target, sameRegistry })
    } finally {
      await Promise.all([source.close(), target.close()])
    }
  }

  private async items(spec: CopySpec, ends: CopyEnds, progress: CopyProgress, signal: AbortSignal): Promise<{ items: CopyItem[]; note?: Msg }> {
    if (spec.sync) {
      if (!this.opts.syncItems) throw new BerthError('INTERNAL', m('errors.sync.unavailable'))
      progress.note(m('copyNote.planning'))
      return this.opts.syncItems(spec.sync.setId, ends, signal)
    }
    const { from, to } = spec.input!
    progress.note(m('copyNote.listing'))
    const tags = from.tags ?? (await listTags(ends.source, from.repository))
    if (tags.length === 0) throw new BerthError('NOT_FOUND', m('errors.copy.noTags', { repository: from.repository, registry: spec.source.name }), m('hints.copy.pickWithTags'))
    return { items: tags.map((tag) => ({ sourceRepository: from.repository, sourceReference: tag, targetRepository: to.repository, targetTag: to.tag ?? tag })) }
  }

  private transport(entry: CopyRegistry): Transport {
    return new Transport({
      address: entry.address,
      scheme: entry.scheme,
      caFile: entry.caFile,
      insecureSkipVerify: entry.insecureSkipVerify,
      credentials: () => this.opts.credentials(entry),
      ...this.opts.transport
    })
  }
}

export const isSameRegistry = (a: CopyRegistry, b: CopyRegistry): boolean => a.id === b.id || (registryKey(a.address) === registryKey(b.address) && a.scheme === b.scheme)
