// What every step of the local registry works with: the engine, Berth's names for what it
// manages, the user's saved choices, the activity the status shows, and the volume's size.
import { join } from 'node:path'
import type Docker from 'dockerode'
import { ActivityTracker } from './activity'
import { enginePuller, type ImagePuller } from './image'
import { DEFAULT_IDENTITY, type LocalRegistryOptions } from './options'
import { readSettings, setupFromSettings, updateSettings, type LocalRegistrySettings } from './settings'
import { VolumeSizeCache } from './sizeCache'
import type { RegistryIdentity, RegistrySetup } from './spec'

export class RegistryContext {
  identity: RegistryIdentity
  defaultPort: number
  readonly puller: ImagePuller
  readonly activity: ActivityTracker
  readonly sizes: VolumeSizeCache
  private readonly settingsFile: string

  constructor(
    readonly opts: LocalRegistryOptions,
    onChange: { activity: () => void; size: () => void }
  ) {
    this.identity = {
      image: opts.image ?? DEFAULT_IDENTITY.image,
      containerName: opts.containerName ?? DEFAULT_IDENTITY.containerName,
      volumeName: opts.volumeName ?? DEFAULT_IDENTITY.volumeName,
      labelValue: opts.labelValue ?? DEFAULT_IDENTITY.labelValue
    }
    this.defaultPort = opts.defaultPort ?? 5000
    this.puller = opts.puller ?? enginePuller(opts.docker)
    this.settingsFile = opts.settingsFile ?? join(opts.dataDir, 'local-registry.json')
    this.activity = new ActivityTracker(onChange.activity)
    this.sizes = new VolumeSizeCache(onChange.size)
  }

  configure(change: Partial<RegistryIdentity> & { defaultPort?: number }): void {
    const { defaultPort, ...identity } = change
    this.identity = { ...this.identity, ...identity }
    if (defaultPort) this.defaultPort = defaultPort
    this.sizes.reset()
  }

  docker(): Docker {
    return this.opts.docker()
  }

  baseUrl(port: number): string {
    return `http://${this.opts.probeHost ?? '127.0.0.1'}:${port}`
  }

  /** The remote engine's host, or undefined when the engine runs on this machine. */
  engineHost(): string | undefined {
    return this.opts.engineHost?.()
  }

  isRemote(): boolean {
    return this.engineHost() !== undefined
  }

  /**
   * Where Berth itself reaches the registry over HTTP: this machine's 127.0.0.1 for a local
   * engine; a remote engine's host when the registry is shared there; else nowhere (undefined),
   * and only the engine can tell whether it answers.
   */
  reachableBase(setup: RegistrySetup): string | undefined {
    const host = this.engineHost()
    if (host === undefined) return this.baseUrl(setup.port)
    return setup.shared ? `http://${host.includes(':') ? `[${host}]` : host}:${setup.port}` : undefined
  }

  settings(): Promise<LocalRegistrySettings> {
    return readSettings(this.settingsFile, this.opts.onNotice)
  }

  saveSettings(change: Partial<LocalRegistrySettings>): Promise<void> {
    return updateSettings(this.settingsFile, change, this.opts.onNotice)
  }

  /** The setup a new container gets: the user's saved choices, else the defaults. */
  async plannedSetup(): Promise<RegistrySetup> {
    return setupFromSettings(await this.settings(), this.defaultPort)
  }
}
