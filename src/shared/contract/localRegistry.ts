// The one-click local registry: a registry:2 container that Berth creates, shares, cares for
// and removes. Main owns the container; the renderer only renders this status and asks.
import { z } from 'zod'
import type { Msg } from '../i18n/message'
import { repositoryError } from '../reference'
import { checkedString } from './checkedString'
import { basicAuthUser, hostPort } from './fields'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { EngineSettingStep, Explained } from './explained'

export type LocalRegistryState = 'absent' | 'running' | 'stopped' | 'restarting'

export type LocalRegistryActivityKind = 'pulling' | 'loading' | 'starting' | 'stopping' | 'recreating' | 'collecting' | 'removing' | 'cleaning'

export interface LocalRegistryActivity {
  kind: LocalRegistryActivityKind
  /** One line for people, e.g. "Pulling registry:2" (English, for logs). */
  message: string
  /** The same line as a catalog message, for the user's language. */
  messageMsg?: Msg
  /** The pull's id in the transfers panel, when the pull runs there. */
  transferId?: string
}

export interface LocalRegistryStatus {
  /** Main's revision: of two statuses, the larger rev is the newer (stamped when the read began). */
  rev: number
  state: LocalRegistryState
  /** What Berth is doing to it right now (start, pull, garbage collection…). */
  activity?: LocalRegistryActivity
  /** The image reference Berth runs, e.g. registry:2. */
  image: string
  imageId?: string
  containerName: string
  containerId?: string
  volumeName: string
  volumeExists: boolean
  /** Bytes the volume uses on the engine's disk; absent while unknown. */
  volumeSize?: number
  /** The published host port (the configured one while there is no container). */
  port: number
  /** Bound to all interfaces (0.0.0.0) rather than 127.0.0.1 only. */
  shared: boolean
  /** How the engine reaches it (127.0.0.1:port on the engine's host): the address to push to. */
  address: string
  /**
   * Set when the engine runs on another machine (tcp:// or ssh://): the registry runs on that
   * host, reachable there as `address`, not on this machine's 127.0.0.1.
   */
  engineHost?: string
  /** ip:port for other machines on the LAN; only filled while shared. */
  lanAddresses: string[]
  /** The daemon.json lines other machines need to push over plain HTTP; only while shared. */
  insecureRegistriesSnippet?: string
  /** Epoch milliseconds when the container last started (while running). */
  startedAt?: number
  uptimeSeconds?: number
  /** Repositories in the catalog (while running). */
  repositories?: number
  /** Why the catalog could not be read. */
  repositoriesError?: string
  auth: { enabled: boolean; username?: string }
  /** The container's last log lines, oldest first. */
  logs: string[]
  /** Exit code of a stopped container. */
  exitCode?: number
  /**
   * Set when the engine will refuse plain HTTP to this registry, so pushes and pulls would fail
   * (Podman out of the box, even on 127.0.0.1): what happened and the exact step that fixes it.
   */
  plainHttpRefused?: EngineSettingStep & Pick<Explained, 'message' | 'msg'>
}

export interface GarbageCollectResult {
  /** The volume's last known size (never less than what was freed). */
  sizeBefore: number
  sizeAfter: number
  /** sizeBefore − sizeAfter: the sizes of the blobs collecting deleted (its dry run measures them first). */
  freedBytes: number
  /** The last lines garbage-collect printed. */
  output: string[]
  status: LocalRegistryStatus
  /**
   * Platform manifests a tagged multi-arch index lists that --delete-untagged would have deleted
   * (distribution #3178): Berth then collected without that option, so they survive.
   */
  protectedManifests: number
}

/** What a garbage collection would free, with nothing deleted. */
export interface GcDryRunResult {
  eligibleBlobs: number
  eligibleManifests: number
  /** Sum of the eligible blobs' sizes on disk. */
  freeableBytes: number
  /** See GarbageCollectResult.protectedManifests. */
  protectedManifests: number
  /** Bytes the volume uses, as last measured (not waited for: the engine's disk-usage walk can take minutes). */
  volumeSize?: number
  output: string[]
}

/**
 * Repositories registry:2 keeps listing after their last tag is gone: folders in the volume with
 * no tag and no manifest left. Read by a helper container on the registry's image (it needs a
 * shell); the registry keeps running while Berth looks.
 */
export interface EmptyRepositoriesResult {
  /** The registry image has a shell (/bin/sh), so Berth can remove the folders itself. */
  canRemove: boolean
  /** No tag, no manifest, no upload under way: what Remove would delete. Empty when !canRemove. */
  repositories: string[]
  /** No tag and no manifest, but an upload is under way in them: left alone. */
  uploading: string[]
  /** When !canRemove: the registry's names, and the commands that do it by hand. */
  manual?: EmptyRepositoriesManual
}

/** The names that identify Berth's registry on the engine. */
export interface RegistryNames {
  image: string
  containerName: string
  volumeName: string
}

export interface EmptyRepositoriesManual extends RegistryNames {
  /** Shell commands with NAME standing for each empty repository. */
  commands: string
}

export interface RemoveEmptyRepositoriesResult {
  removed: string[]
  /** Asked for but no longer empty (pushed to since the list was read), or gone already: untouched. */
  kept: string[]
  status: LocalRegistryStatus
}

export interface LoadRegistryImageResult {
  /** What the archive contained ("repo:tag" or "sha256:…"). */
  loaded: string[]
  /** The reference the local registry will run, now present. */
  image: string
}


// Registry host[:port], as in daemon.json's registry-mirrors (a scheme and trailing slash are tolerated).
const mirror = z
  .string()
  .trim()
  .min(1, said(m('errors.input.mirrorRequired')))
  .regex(/^(https?:\/\/)?[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, said(m('errors.input.mirrorShape')))


export const localRegistryCalls = {
  'localRegistry.status': z.void(),
  /**
   * Starts Berth's registry: starts the existing container (found by label), or pulls the image
   * if needed and creates one. `port` changes the host port; `mirror` pulls the image through
   * that registry mirror instead of Docker Hub.
   */
  'localRegistry.start': z.object({ port: hostPort.optional(), mirror: mirror.optional() }).optional(),
  'localRegistry.stop': z.void(),
  'localRegistry.restart': z.void(),
  /** Re-creates the container on another host port (data kept). */
  'localRegistry.setPort': z.object({ port: hostPort }),
  /**
   * Re-creates the container bound to all interfaces (true) or 127.0.0.1 only (false); data kept.
   * Sharing without basic auth is refused (CONFLICT, details.confirmOpenShare) unless `confirmOpen`.
   */
  'localRegistry.setShared': z.object({ shared: z.boolean(), confirmOpen: z.boolean().optional() }),
  /** htpasswd basic auth on (user + password, stored hashed in the volume) or off. */
  'localRegistry.setAuth': z.discriminatedUnion('enabled', [
    z.object({ enabled: z.literal(true), username: basicAuthUser, password: z.string().min(1, said(m('errors.input.passwordRequired'))).max(256, said(m('errors.input.passwordTooLong'))) }),
    // Turning auth off while shared leaves the registry open: same confirmation as sharing.
    z.object({ enabled: z.literal(false), confirmOpen: z.boolean().optional() })
  ]),
  /** Removes the container; the volume (every pushed image) stays. */
  'localRegistry.removeContainer': z.void(),
  /** Removes the container and its volume. `confirmVolume` must repeat the volume's name. */
  'localRegistry.removeAll': z.object({ confirmVolume: z.string() }),
  'localRegistry.garbageCollect': z.object({ deleteUntagged: z.boolean().optional() }).optional(),
  /** What garbage collection would free now (a dry run; the registry keeps running). */
  'localRegistry.gcDryRun': z.object({ deleteUntagged: z.boolean().optional() }).optional(),
  /** Re-creates the container with REGISTRY_STORAGE_DELETE_ENABLED=true when deletes are off (data kept). */
  'localRegistry.enableDeletes': z.void(),
  /** Repositories with no tag and no manifest left (read-only; the registry keeps running). */
  'localRegistry.emptyRepositories': z.void(),
  /**
   * Deletes the folders of these repositories in the volume, each only if it is still empty, with
   * the registry stopped meanwhile; refused (CONFLICT) while Berth pushes to it.
   */
  'localRegistry.removeEmptyRepositories': z.object({
    repositories: z
      .array(checkedString(repositoryError))
      .min(1, said(m('errors.input.chooseRepository')))
      .max(10_000, said(m('errors.input.tooManyRepositories')))
  }),
  /** Loads a registry image from a `docker save` tar at this path (Electron; the web mode uploads). */
  'localRegistry.loadImage': z.object({ path: z.string().trim().min(1, said(m('errors.input.chooseTar'))) })
}

/** Calls that only read: safe to repeat after a network failure (see lib/api.ts). */
export const localRegistryReadOnly = ['localRegistry.status'] as const satisfies readonly (keyof typeof localRegistryCalls)[]

export interface LocalRegistryResults {
  'localRegistry.status': LocalRegistryStatus
  'localRegistry.start': LocalRegistryStatus
  'localRegistry.stop': LocalRegistryStatus
  'localRegistry.restart': LocalRegistryStatus
  'localRegistry.setPort': LocalRegistryStatus
  'localRegistry.setShared': LocalRegistryStatus
  'localRegistry.setAuth': LocalRegistryStatus
  'localRegistry.removeContainer': LocalRegistryStatus
  'localRegistry.removeAll': LocalRegistryStatus
  'localRegistry.garbageCollect': GarbageCollectResult
  'localRegistry.gcDryRun': GcDryRunResult
  'localRegistry.enableDeletes': LocalRegistryStatus
  'localRegistry.emptyRepositories': EmptyRepositoriesResult
  'localRegistry.removeEmptyRepositories': RemoveEmptyRepositoriesResult
  'localRegistry.loadImage': LoadRegistryImageResult
}

export interface LocalRegistryEvents {
  /** The local registry changed (state, settings, activity); the sidebar and the page follow it. */
  'localRegistry.status': LocalRegistryStatus
}


/** Web-mode upload route (POST /api/<route>, raw tar body) that loads a registry image. */
export const LOCAL_REGISTRY_UPLOAD_ROUTE = 'local-registry/load-image'

/** details of a start error the UI can act on. */
export interface PortInUseDetails {
  port: number
  /** The container of this engine holding the port, if that is what holds it. */
  container?: { id: string; name: string }
  suggestedPort?: number
}

export interface ImageUnavailableDetails {
  /** Marks a start error that is about getting the registry image (the UI offers mirror / tar). */
  localRegistryImage: string
  /** The engine's configured registry-mirrors. */
  mirrors: string[]
  /** The mirror the failed pull went through, if any. */
  mirror?: string
}
