// The registries the user keeps in the sidebar, plus the one Berth runs itself (managed, never
// persisted). Health checks (GET /v2/) run in the background, a few at a time, and report by
// event: nothing here waits on the network before answering the UI.
import { randomUUID } from 'node:crypto'
import { dirname, join } from 'node:path'
import type { BerthEvents, EventName } from '@shared/contract'
import { BerthError, toBerthError } from '@shared/contract/errors'
import type { Notice } from '@shared/contract/notices'
import type { RegistryEntry, RegistryHealth, RegistrySchemeChoice } from '@shared/contract/registries'
import type { RegistryPingResult } from '@shared/contract/registryTypes'
import { registryKey } from '../credentials/registryKey'
import { checkAddress, normalizeAddress } from '@shared/registryAddress'
import { probeScheme } from '../transfers/schemeProbe'
import { storeCaPem } from './caStore'
import { Limiter } from './limiter'
import { otherSchemeWorks, type SchemeProbe } from './scheme'
import { readRegistryList, writeRegistryList } from './settingsFile'
import { OneAtATime } from '../oneAtATime'
import { m } from '@shared/i18n/message'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export interface RegistryServiceOptions {
  /** registries.json in the data directory. */
  file: string
  emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void
  ping: (entry: RegistryEntry) => Promise<RegistryPingResult>
  /** Parallel health checks (default 4). */
  concurrency?: number
  /** Re-check every registry this often; 0 turns it off (default 60 s). */
  intervalMs?: number
  clock?: () => number
  /** Which scheme a port speaks, for 'auto' (default: one TLS handshake). */
  probe?: SchemeProbe
}

export type RegistryInput = Omit<RegistryEntry, 'id' | 'managed' | 'name' | 'scheme'> & { name?: string; caPem?: string; scheme?: RegistrySchemeChoice }
export type RegistryPatch = Partial<RegistryInput>

export class RegistryService {
  private entries: RegistryEntry[]
  private managed: RegistryEntry | undefined
  private readonly health = new Map<string, RegistryHealth>()
  private readonly inflight = new Map<string, Promise<RegistryHealth>>()
  private readonly limiter: Limiter
  private readonly clock: () => number
  private readonly writes = new OneAtATime()
  private timer: NodeJS.Timeout | undefined
  /** Why the saved list could not be read at start (shown once in the log). */
  readonly loadProblem?: string
  /** The same, for the UI (services hands it to the notice board). */
  readonly loadNotice?: Notice
  /** Uploaded CA certificates, one file per registry. */
  private readonly caDir: string

  constructor(private readonly opts: RegistryServiceOptions) {
    const loaded = readRegistryList(opts.file)
    this.entries = loaded.entries
    this.loadProblem = loaded.problem
    this.loadNotice = loaded.notice
    this.caDir = join(dirname(opts.file), 'ca')
    this.limiter = new Limiter(opts.concurrency ?? 4)
    this.clock = opts.clock ?? Date.now
  }

  /** Checks every registry now and then every intervalMs. */
  start(): void {
    this.checkAll()
    const every = this.opts.intervalMs ?? 60_000
    if (every > 0) {
      this.timer = setInterval(() => this.checkAll(), every)
      this.timer.unref()
    }
  }

  dispose(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** The managed local registry first, then the user's in the order they were added. */
  list(): RegistryEntry[] {
    return [...(this.managed ? [this.managed] : []), ...this.entries].map((e) => ({ ...e }))
  }

  get(id: string): RegistryEntry {
    const e = this.find(id)
    if (!e) throw new BerthError('NOT_FOUND', m('errors.registries.noSuch'), m('hints.registries.pickAnother'))
    return { ...e }
  }

  /** The entry for a registry address (any spelling of host[:port]), if the user keeps it. */
  findByAddress(address: string): RegistryEntry | undefined {
    const key = registryKey(address)
    return this.list().find((e) => registryKey(e.address) === key)
  }

  async add({ caPem, ...input }: RegistryInput): Promise<RegistryEntry> {
    const id = randomUUID()
    const scheme = await this.chooseScheme(input.address, input.scheme)
    const caFile = caPem ? await storeCaPem(this.caDir, id, caPem) : input.caFile
    const entry = this.validate({ id, ...input, scheme, caFile, name: input.name ?? '' })
    return this.mutate(() => {
      this.refuseDuplicate(entry)
      this.entries = [...this.entries, entry]
      return entry
    }, entry.id)
  }

  async update(id: string, { caPem, ...patch }: RegistryPatch): Promise<RegistryEntry> {
    const current = this.get(id)
    if (current.managed) throw managedError(current)
    if (caPem) patch.caFile = await storeCaPem(this.caDir, id, caPem)
    const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as RegistryPatch
    const scheme = defined.scheme || defined.address ? await this.chooseScheme(defined.address ?? current.address, defined.scheme ?? current.scheme) : current.scheme
    const next = this.validate({ ...current, ...defined, scheme })
    // An emptied CA file or switched-off skip-verify must really go away.
    if (patch.caFile === '') delete next.caFile
    if (patch.insecureSkipVerify === false) delete next.insecureSkipVerify
    return this.mutate(() => {
      this.refuseDuplicate(next)
      if (!this.entries.some((e) => e.id === id)) throw new BerthError('NOT_FOUND', m('errors.registries.noSuch'))
      this.entries = this.entries.map((e) => (e.id === id ? next : e))
      return next
    }, id)
  }

  async remove(id: string): Promise<{ id: string }> {
    const current = this.get(id)
    if (current.managed) throw managedError(current)
    await this.mutate(() => {
      this.entries = this.entries.filter((e) => e.id !== id)
      return current
    })
    this.health.delete(id)
    return { id }
  }

  /**
   * Shows (or with undefined, hides) the registry Berth runs itself. Not written to disk: it
   * appears whenever the local registry runs.
   */
  setManaged(entry: RegistryEntry | undefined): void {
    const before = this.managed
    this.managed = entry ? { ...entry, name: entry.name || entry.address, managed: entry.managed ?? 'local' } : undefined
    if (before && before.id !== this.managed?.id) this.health.delete(before.id)
    if (JSON.stringify(before) === JSON.stringify(this.managed)) return
    this.opts.emit('registries.changed', this.list())
    if (this.managed) void this.check(this.managed.id)
  }

  /** The last known health of every entry. */
  healthAll(): RegistryHealth[] {
    return this.list().map((e) => this.health.get(e.id) ?? { id: e.id, state: 'checking', checkedAt: 0 })
  }

  /** Checks GET /v2/ (deduplicated while one check of the same entry runs). */
  check(id: string): Promise<RegistryHealth> {
    const entry = this.get(id)
    const running = this.inflight.get(id)
    if (running) return running
    const prev = this.health.get(id)
    this.publishHealth({ id, state: 'checking', checkedAt: prev?.checkedAt ?? 0 })
    const p = this.limiter
      .run(() => this.pingOrSwitch(entry))
      .then(
        (r) => toHealth(id, r, this.clock()),
        (e: unknown): RegistryHealth => ({ id, state: 'down', error: toBerthError(e).message, checkedAt: this.clock() })
      )
      .then((h) => {
        this.inflight.delete(id)
        // Removed (or replaced) while being checked: drop the result.
        if (this.find(id)) this.publishHealth(h)
        return h
      })
    this.inflight.set(id, p)
    return p
  }

  /** Checks one entry again in the background (browsing failed); unknown ids are ignored. */
  recheck(id: string): void {
    if (this.find(id)) void this.check(id)
  }

  /** Re-checks every entry for this address (after its credentials changed). */
  recheckAddress(address: string): void {
    const key = registryKey(address)
    for (const e of this.list()) if (registryKey(e.address) === key) void this.check(e.id)
  }

  private checkAll(): void {
    for (const e of this.list()) void this.check(e.id)
  }

  /**
   * Pings with the stored scheme; when that finds no registry and the other scheme does (TLS put in
   * front, or taken away), switches the entry to it and says so. Nothing else about it changes.
   */
  private async pingOrSwitch(entry: RegistryEntry): Promise<RegistryPingResult> {
    const first = await this.opts.ping(entry)
    if (first.state !== 'down' || entry.managed) return first
    const other = await otherSchemeWorks(entry, first, this.opts.ping)
    if (!other) return first
    const current = this.entries.find((e) => e.id === entry.id)
    if (!current || current.scheme !== entry.scheme || current.address !== entry.address) return first
    try {
      await this.mutate(() => {
        const next = { ...current, scheme: other.scheme }
        this.entries = this.entries.map((e) => (e.id === entry.id ? next : e))
        return next
      })
    } catch {
      return first
    }
    this.opts.emit('registries.schemeChanged', { id: entry.id, name: entry.name, address: entry.address, from: entry.scheme, to: other.scheme })
    return other.result
  }

  /** 'auto' (or nothing): a pasted http:// or https:// decides, else the port's answer does. */
  private async chooseScheme(address: string, choice: RegistrySchemeChoice | undefined): Promise<RegistryScheme> {
    if (choice === 'https' || choice === 'http') return choice
    const pasted = checkAddress(address)
    if (pasted.ok && pasted.scheme) return pasted.scheme
    return (await (this.opts.probe ?? probeScheme)(normalizeAddress(address))) === 'http' ? 'http' : 'https'
  }

  private find(id: string): RegistryEntry | undefined {
    return this.managed?.id === id ? this.managed : this.entries.find((e) => e.id === id)
  }

  private validate(e: RegistryEntry): RegistryEntry {
    const address = normalizeAddress(e.address)
    if (e.scheme !== 'https' && e.scheme !== 'http') throw new BerthError('INVALID_INPUT', m('errors.registries.scheme'))
    const out: RegistryEntry = { id: e.id, name: (e.name ?? '').trim() || address, address, scheme: e.scheme }
    const caFile = e.caFile?.trim()
    if (caFile) out.caFile = caFile
    if (e.insecureSkipVerify) out.insecureSkipVerify = true
    if (e.managed) out.managed = e.managed
    return out
  }

  private refuseDuplicate(entry: RegistryEntry): void {
    const key = registryKey(entry.address)
    const other = this.list().find((e) => e.id !== entry.id && registryKey(e.address) === key)
    if (other) throw new BerthError('CONFLICT', m('errors.registries.duplicate', { address: entry.address, name: other.name }), m('hints.registries.editThat'))
  }

  /** Applies a change, writes the file (one write at a time), then tells every window. */
  private mutate<T extends RegistryEntry>(change: () => T, recheck?: string): Promise<T> {
    return this.writes.run(async () => {
      const before = this.entries
      const result = change()
      try {
        await writeRegistryList(this.opts.file, this.entries)
      } catch (e) {
        this.entries = before
        throw new BerthError('INTERNAL', m('errors.registries.saveFailed', { reason: (e as Error).message }), m('hints.writableNothingChanged', { file: this.opts.file }))
      }
      this.opts.emit('registries.changed', this.list())
      if (recheck) void this.check(recheck)
      return result
    })
  }

  private publishHealth(h: RegistryHealth): void {
    this.health.set(h.id, h)
    this.opts.emit('registries.health', h)
  }
}

function toHealth(id: string, r: RegistryPingResult, now: number): RegistryHealth {
  const h: RegistryHealth = { id, state: r.state, checkedAt: now }
  if (r.error) h.error = r.error
  if (r.hint) h.hint = r.hint
  if (r.errorMsg) h.errorMsg = r.errorMsg
  if (r.hintMsg) h.hintMsg = r.hintMsg
  return h
}

function managedError(e: RegistryEntry): BerthError {
  return new BerthError('CONFLICT', m('errors.registries.managed', { name: e.name }), m('hints.registries.stopLocal'))
}
