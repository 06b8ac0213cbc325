// Reads the registry's status and announces it: to the UI (onStatus, only when something worth
// showing changed) and to the registries sidebar (setManaged, once the registry answers).
import type { LocalRegistryActivity, LocalRegistryStatus } from '@shared/contract/localRegistry'
import type { LocalRegistryOptions, ManagedRegistryEntry } from './options'
import type { StatusRead } from './readStatus'
import { nextRev } from '../revision'

const MANAGED_ID = 'local-registry'

export class StatusFeed {
  private seq = 0
  /** The newest read whose result was applied (older ones finishing later are dropped). */
  private appliedSeq = 0
  private lastKey = ''
  private managedKey = ''
  private last: LocalRegistryStatus | undefined

  constructor(
    private readonly read: () => Promise<StatusRead>,
    private readonly opts: Pick<LocalRegistryOptions, 'onStatus' | 'setManaged'>
  ) {}

  async status(): Promise<LocalRegistryStatus> {
    const seq = ++this.seq
    const { status, answering } = await this.read()
    // A slower, older read must not overwrite what a newer one already announced.
    if (seq > this.appliedSeq) {
      this.appliedSeq = seq
      this.syncManaged(status, answering)
      this.last = status
      const key = statusKey(status)
      if (key !== this.lastKey) {
        this.lastKey = key
        this.opts.onStatus?.(status)
      }
    }
    return status
  }

  /** Re-reads and always announces (after a change Berth made). */
  publish(): Promise<LocalRegistryStatus> {
    this.lastKey = ''
    return this.status()
  }

  /**
   * Announces the current activity at once on the last known status: a full read (disk usage,
   * catalog) would arrive late, after the step it describes.
   */
  announceActivity(activity: LocalRegistryActivity | undefined): void {
    if (!this.last) {
      void this.publish().catch(() => undefined)
      return
    }
    const { activity: _old, ...rest } = this.last
    const status: LocalRegistryStatus = { ...rest, ...(activity ? { activity } : {}), rev: nextRev() }
    this.last = status
    this.lastKey = statusKey(status)
    // Reads already under way describe the time before this activity: they must not overwrite it.
    this.appliedSeq = this.seq
    this.opts.onStatus?.(status)
  }

  /** The registries sidebar lists it once it answers (a health check before that would show it down). */
  private syncManaged(status: LocalRegistryStatus, answering: boolean): void {
    const entry: ManagedRegistryEntry | undefined =
      status.state === 'running' && !status.activity && answering ? { id: MANAGED_ID, name: 'Local registry', address: status.address, scheme: 'http', managed: 'local' } : undefined
    const key = JSON.stringify(entry ?? null)
    if (key === this.managedKey) return
    this.managedKey = key
    this.opts.setManaged?.(entry)
  }
}

/** What makes a status worth announcing (uptime and logs change all the time). */
function statusKey(s: LocalRegistryStatus): string {
  return JSON.stringify([s.state, s.activity, s.containerId, s.port, s.shared, s.auth, s.repositories, s.volumeExists, s.volumeSize, s.image])
}
