// Work that spans features. A feature asks for it here ("open push for these images") without
// knowing which feature does it; the composition root (src/renderer/src/wiring.ts) provides
// the handlers from the features' stores. So features never import each other, and this
// layer imports no feature: the dependency points one way.
import type { ExportSource } from '@shared/contract'
import type { DraggedImage } from '../lib/dragImage'
import type { DraggedTags } from '../lib/dragTags'

export interface PushRequest {
  images: DraggedImage[]
  /** The registry the images were dropped on; the dialog lets the user pick one otherwise. */
  registryId?: string
}

export interface CredentialsRequest {
  /** host[:port] */
  registry: string
  /** Why we ask (the failed push's message). */
  reason?: string
  /** Runs once the credentials are saved: retry what failed (the dialog says "Save and retry"). */
  retry?: () => unknown
}

/** Tags of a registry (none: the whole repository) to copy. */
export interface CopyRequest extends DraggedTags {
  /** Preselected target (a tag dropped onto a registry in the sidebar). */
  targetRegistryId?: string
}

export interface Intents {
  /** Opens "Copy to…" for tags (or a whole repository) of a registry. */
  openCopy(request: CopyRequest): void
  /** Exports tags of a registry (OCI archive) or local images (docker save) to one archive file. */
  exportArchive(from: ExportSource): void
  /** Opens the push dialog for these images. */
  openPush(request: PushRequest): void
  /** Asks for a registry's credentials (one dialog for the whole app); resolves on close: saved or not. */
  askCredentials(request: CredentialsRequest): Promise<boolean>
  /** Garbage-collects Berth's own registry; resolves when done (the local registry says how it went). */
  collectGarbage(): Promise<void>
  /** Runs the registry doctor ("Check connection") on a registry and shows it. */
  checkConnection(registryId: string): void
  /** Re-creates Berth's own registry with deletes on (data kept); true when it worked. */
  enableLocalDeletes(): Promise<boolean>
}

const handlers: Partial<Intents> = {}

/** Called once by the composition root, before the first render. */
export function provideIntents(provided: Intents): void {
  Object.assign(handlers, provided)
}

function handler<K extends keyof Intents>(name: K): Intents[K] {
  const h = handlers[name]
  if (!h) throw new Error(`No handler for the "${name}" intent: src/renderer/src/wiring.ts provides them.`)
  return h
}

export const intents: Intents = {
  openPush: (request) => handler('openPush')(request),
  openCopy: (request) => handler('openCopy')(request),
  exportArchive: (from) => handler('exportArchive')(from),
  askCredentials: (request) => handler('askCredentials')(request),
  collectGarbage: () => handler('collectGarbage')(),
  checkConnection: (registryId) => handler('checkConnection')(registryId),
  enableLocalDeletes: () => handler('enableLocalDeletes')()
}
