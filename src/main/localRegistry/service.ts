// The one-click local registry: one registry:2 container of Berth's (found by label, never a
// second one), a named volume that outlives it, and everything around it: port checks before
// anything is created, readiness, sharing on the LAN, basic auth, garbage collection.
// Plain Node: no Electron. Every mutation runs one at a time. This class is the facade; the
// steps live in lifecycle, reconfigure, removal, garbageCollect, emptyRepositories and registryImage.
import type { EmptyRepositoriesResult, GarbageCollectResult, GcDryRunResult, LoadRegistryImageResult, LocalRegistryStatus, RemoveEmptyRepositoriesResult } from '@shared/contract/localRegistry'
import { RegistryContext } from './context'
import { enableDeletes } from './enableDeletes'
import { findEmptyRepositories, removeEmptyRepositories } from './emptyRepositories'
import { collectGarbage, garbageDryRun } from './garbageCollect'
import { restartRegistry, startRegistry, stopRegistry } from './lifecycle'
import type { LocalRegistryOptions } from './options'
import { readStatus } from './readStatus'
import { changeSetup, setAuth, type AuthChange } from './reconfigure'
import { assertOpenShareConfirmed } from './openShare'
import { loadRegistryImage, openImageTar } from './registryImage'
import { removeContainerKeepData, removeRegistryAndData } from './removal'
import { managedLabelFilter, type RegistryIdentity } from './spec'
import { StatusFeed } from './statusFeed'
import { ContainerWatcher } from './watch'
import { OneAtATime } from '../oneAtATime'

export class LocalRegistryService {
  private readonly ctx: RegistryContext
  private readonly feed: StatusFeed
  // A failed operation may still have changed things (a container removed): say what is now.
  private readonly queue = new OneAtATime(() => this.feed.publish())
  private readonly watcher = new ContainerWatcher(() => void this.status().catch(() => undefined))

  constructor(opts: LocalRegistryOptions) {
    this.ctx = new RegistryContext(opts, {
      activity: () => this.feed.announceActivity(this.ctx.activity.current()),
      size: () => void this.feed.publish().catch(() => undefined)
    })
    this.feed = new StatusFeed(async () => {
      this.watcher.ensure(this.ctx.docker(), managedLabelFilter(this.ctx.identity))
      return readStatus(this.ctx)
    }, opts)
  }

  /**
   * Renames what Berth manages (image, container, volume, label) and the default port. For tests
   * and embedders that must not touch a user's registry; call it before anything else.
   */
  configure(change: Partial<RegistryIdentity> & { defaultPort?: number }): void {
    this.ctx.configure(change)
    this.watcher.stop()
  }

  /** Berth now talks to another engine: follow that one's events, and say what its registry is. */
  engineChanged(): Promise<LocalRegistryStatus> {
    this.watcher.stop()
    return this.feed.publish()
  }

  /** Stops following the engine's events. */
  dispose(): void {
    this.watcher.stop()
  }

  get names(): RegistryIdentity {
    return { ...this.ctx.identity }
  }

  status(): Promise<LocalRegistryStatus> {
    return this.feed.status()
  }

  /** Starts Berth's registry, creating it (and pulling its image) when there is none. */
  start(options: { port?: number; mirror?: string } = {}): Promise<LocalRegistryStatus> {
    return this.mutate(() => startRegistry(this.ctx, options))
  }

  stop(): Promise<LocalRegistryStatus> {
    return this.mutate(() => stopRegistry(this.ctx))
  }

  restart(): Promise<LocalRegistryStatus> {
    return this.mutate(() => restartRegistry(this.ctx))
  }

  setPort(port: number): Promise<LocalRegistryStatus> {
    return this.mutate(() => changeSetup(this.ctx, { port }))
  }

  /** `confirmOpen`: the user agreed that sharing without basic auth opens it to the whole network. */
  setShared(shared: boolean, confirmOpen = false): Promise<LocalRegistryStatus> {
    return this.mutate(async () => {
      await assertOpenShareConfirmed(this.ctx, { shared }, confirmOpen)
      await changeSetup(this.ctx, { shared })
    })
  }

  setAuth(change: AuthChange & { confirmOpen?: boolean }): Promise<LocalRegistryStatus> {
    return this.mutate(async () => {
      if (!change.enabled) await assertOpenShareConfirmed(this.ctx, { auth: false }, change.confirmOpen ?? false)
      await setAuth(this.ctx, change)
    })
  }

  /** Removes the container; every pushed image stays in the volume for the next start. */
  removeContainer(): Promise<LocalRegistryStatus> {
    return this.mutate(() => removeContainerKeepData(this.ctx))
  }

  /** Removes the container and the volume: every image pushed to it is lost. */
  removeAll(confirmVolume: string): Promise<LocalRegistryStatus> {
    return this.mutate(() => removeRegistryAndData(this.ctx, confirmVolume))
  }

  /** Re-creates the container with deletes turned on when they are off (data kept). */
  enableDeletes(): Promise<LocalRegistryStatus> {
    return this.mutate(async () => {
      await enableDeletes(this.ctx)
    })
  }

  garbageCollect(options: { deleteUntagged?: boolean } = {}): Promise<GarbageCollectResult> {
    return this.exclusive(async () => {
      const result = await collectGarbage(this.ctx, options)
      return { ...result, status: await this.feed.publish() }
    })
  }

  /** What garbage collection would free now; nothing is deleted and the registry keeps running. */
  gcDryRun(options: { deleteUntagged?: boolean } = {}): Promise<GcDryRunResult> {
    return this.exclusive(() => garbageDryRun(this.ctx, options))
  }

  /** Repositories with no tag and no manifest left; nothing changes and the registry keeps running. */
  emptyRepositories(): Promise<EmptyRepositoriesResult> {
    return this.exclusive(() => findEmptyRepositories(this.ctx))
  }

  /** Deletes the folders of these repositories that are still empty (the registry stops meanwhile). */
  removeEmptyRepositories(repositories: string[]): Promise<RemoveEmptyRepositoriesResult> {
    return this.exclusive(async () => {
      const result = await removeEmptyRepositories(this.ctx, repositories)
      return { ...result, status: await this.feed.publish() }
    })
  }

  async loadImageFromPath(path: string): Promise<LoadRegistryImageResult> {
    const { archive, label } = await openImageTar(path)
    return this.loadImage(archive, label)
  }

  /** Loads a `docker save` tar (a file or an upload) and makes sure it provides the registry image. */
  loadImage(archive: NodeJS.ReadableStream, label: string): Promise<LoadRegistryImageResult> {
    return this.exclusive(async () => {
      const result = await loadRegistryImage(this.ctx, archive, label)
      await this.feed.publish()
      return result
    })
  }

  /** Runs a change one at a time, then re-reads and announces the status. */
  private mutate(change: () => Promise<void>): Promise<LocalRegistryStatus> {
    return this.exclusive(async () => {
      await change()
      return this.feed.publish()
    })
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.queue.run(fn)
  }
}
