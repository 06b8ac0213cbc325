// Sync sets: saved lists, Plan (what a run would copy, with sizes) and Run (one transfer that
// plans again and copies the new and changed tags). Plain Node; the copy engine does the moving.
import { randomUUID } from 'node:crypto'
import type { BerthEvents, EventName } from '@shared/contract'
import { BerthError } from '@shared/contract/errors'
import { hubEntry, type SyncPlan, type SyncSet, type SyncSetInput } from '@shared/contract/sync'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { CopyRunner, CopySpec } from '../copy'
import type { CopyEnds } from '../copy/blobCopy'
import type { CopyItem } from '../copy/copyImages'
import { planItems, planSync } from './plan'
import { readSyncSets, writeSyncSets } from './store'
import { OneAtATime } from '../oneAtATime'
import { m, type Msg } from '@shared/i18n/message'

export interface SyncServiceOptions {
  /** sync-sets.json in the data directory. */
  file: string
  emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void
  copier: () => CopyRunner
  /** Starts a prepared copy as a transfer. */
  startCopy: (spec: CopySpec) => TransferSnapshot
  /** Throws NOT_FOUND for a registry not in the list. */
  registry: (id: string) => unknown
}

export class SyncService {
  private sets: SyncSet[]
  private readonly writes = new OneAtATime()

  constructor(private readonly opts: SyncServiceOptions) {
    this.sets = readSyncSets(opts.file)
  }

  list(): SyncSet[] {
    return this.sets.map((s) => ({ ...s, entries: [...s.entries] }))
  }

  get(id: string): SyncSet {
    const s = this.sets.find((x) => x.id === id)
    if (!s) throw new BerthError('NOT_FOUND', m('errors.sync.noSuch'), m('hints.sync.refresh'))
    return s
  }

  save(input: SyncSetInput): Promise<SyncSet> {
    // Both registries must be in the list now; a set naming a removed one says so when it runs.
    if (input.sourceRegistryId) this.opts.registry(input.sourceRegistryId)
    this.opts.registry(input.targetRegistryId)
    if (input.sourceRegistryId === input.targetRegistryId) throw new BerthError('INVALID_INPUT', m('errors.sync.sameRegistry'), m('hints.sync.otherTarget'))
    if (input.id) this.get(input.id)
    // A Docker Hub mirror names official images library/<name>, as Docker Hub does.
    const entries = input.sourceMirror ? input.entries.map(hubEntry) : input.entries
    const platforms = [...new Set((input.platforms ?? []).map((p) => p.toLowerCase()))]
    const { platforms: _p, sourceRegistryId: _s, sourceMirror: _m, ...rest } = input
    const set: SyncSet = {
      ...rest,
      ...(input.sourceMirror ? { sourceMirror: input.sourceMirror } : { sourceRegistryId: input.sourceRegistryId }),
      ...(platforms.length ? { platforms } : {}),
      id: input.id ?? randomUUID(),
      entries: [...new Set(entries)]
    }
    return this.mutate(() => {
      this.sets = input.id ? this.sets.map((s) => (s.id === set.id ? set : s)) : [...this.sets, set]
      return set
    })
  }

  async remove(id: string): Promise<{ id: string }> {
    this.get(id)
    await this.mutate(() => {
      this.sets = this.sets.filter((s) => s.id !== id)
    })
    return { id }
  }

  async plan(id: string): Promise<SyncPlan> {
    const set = this.get(id)
    const copier = this.opts.copier()
    const spec = await copier.prepareSync(set)
    return copier.withEnds(spec.source, spec.target, (ends) => planSync(set, ends, { sizes: true }))
  }

  async run(id: string): Promise<TransferSnapshot> {
    const set = this.get(id)
    return this.opts.startCopy(await this.opts.copier().prepareSync(set))
  }

  /** A run's items, planned with the run's connections; vanished tags become the run's note. */
  async items(setId: string, ends: CopyEnds): Promise<{ items: CopyItem[]; note?: Msg }> {
    const set = this.get(setId)
    const plan = await planSync(set, ends)
    const vanished = plan.vanished.length ? m('syncNote.vanished', { count: plan.vanished.length, tags: plan.vanished.map((v) => `${v.repository}:${v.tag}`).join(', ') }) : undefined
    const unmatched = plan.unmatched?.length ? m('syncNote.unmatched', { count: plan.unmatched.length, platforms: set.platforms!.join(', ') }) : undefined
    // Each unreadable entry with its reason, chained as messages so each reason keeps its language.
    const problems = plan.problems
      .map((p): Msg => m('syncNote.problem', { entry: p.entry, reason: p.msg ?? p.message }))
      .reduce<Msg | undefined>((list, item) => (list ? m('syncNote.list', { first: list, rest: item }) : item), undefined)
    const unread = problems && m('syncNote.couldNotRead', { problems })
    const note = [vanished, unmatched, unread].filter((n): n is Msg => n !== undefined).reduce<Msg | undefined>((all, n) => (all ? m('copyNote.both', { first: all, second: n }) : n), undefined)
    return { items: planItems(plan, set.platforms), note }
  }

  private mutate<T>(change: () => T): Promise<T> {
    return this.writes.run(async () => {
      const before = this.sets
      const result = change()
      try {
        await writeSyncSets(this.opts.file, this.sets)
      } catch (e) {
        this.sets = before
        throw new BerthError('INTERNAL', m('errors.sync.saveFailed', { reason: (e as Error).message }), m('hints.sync.writable', { file: this.opts.file }))
      }
      this.opts.emit('sync.changed', this.list())
      return result
    })
  }
}
