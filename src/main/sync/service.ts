// Sync sets: saved lists, Plan (what a run would copy, with sizes) and Run (one transfer that
// plans again and copies the new and changed tags). Plain Node; the copy engine does the moving.
import { randomUUID } from 'node:crypto'
import type { BerthEvents, EventName } from '@shared/contract'
import { BerthError } from '@shared/contract/errors'
import type { SyncPlan, SyncSet, SyncSetInput } from '@shared/contract/sync'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { CopyRunner, CopySpec } from '../copy'
import type { CopyEnds } from '../copy/blobCopy'
import type { CopyItem } from '../copy/copyImages'
import { planItems, planSync } from './plan'
import { readSyncSets, writeSyncSets } from './store'
import { OneAtATime } from '../oneAtATime'

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
    if (!s) throw new BerthError('NOT_FOUND', 'No such sync set.', 'It may have been removed; refresh the list.')
    return s
  }

  save(input: SyncSetInput): Promise<SyncSet> {
    // Both registries must be in the list now; a set naming a removed one says so when it runs.
    this.opts.registry(input.sourceRegistryId)
    this.opts.registry(input.targetRegistryId)
    if (input.sourceRegistryId === input.targetRegistryId) throw new BerthError('INVALID_INPUT', 'The source and the target are the same registry.', 'Choose another target registry.')
    if (input.id) this.get(input.id)
    const set: SyncSet = { ...input, id: input.id ?? randomUUID(), entries: [...new Set(input.entries)] }
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
  async items(setId: string, ends: CopyEnds): Promise<{ items: CopyItem[]; note?: string }> {
    const plan = await planSync(this.get(setId), ends)
    const notes: string[] = []
    if (plan.vanished.length) notes.push(`${plan.vanished.length} tag${plan.vanished.length === 1 ? '' : 's'} gone upstream, kept here: ${plan.vanished.map((v) => `${v.repository}:${v.tag}`).join(', ')}.`)
    if (plan.problems.length) notes.push(`Could not read: ${plan.problems.map((p) => `${p.entry} (${p.message})`).join('; ')}`)
    return { items: planItems(plan), note: notes.join(' ') || undefined }
  }

  private mutate<T>(change: () => T): Promise<T> {
    return this.writes.run(async () => {
      const before = this.sets
      const result = change()
      try {
        await writeSyncSets(this.opts.file, this.sets)
      } catch (e) {
        this.sets = before
        throw new BerthError('INTERNAL', `Berth could not save the sync sets: ${(e as Error).message}`, `Check that ${this.opts.file} is writable; nothing was changed.`)
      }
      this.opts.emit('sync.changed', this.list())
      return result
    })
  }
}
