// The one contract between main, preload and renderer (and the web mode's HTTP server).
// Each feature declares its calls as zod schemas (validated in main, on both transports),
// their result types, and the events main pushes. This file only merges them.
import type { z } from 'zod'
import type { Result } from './errors'
import { engineCalls, engineReadOnly, type EngineEvents, type EngineResults } from './engine'
import { imageCalls, imageReadOnly, type ImageEvents, type ImageResults } from './images'
import { transferCalls, transferReadOnly, type TransferEvents, type TransferResults } from './transfers'
import { registryCalls, registryReadOnly, type RegistryEvents, type RegistryResults } from './registries'
import { browseCalls, browseReadOnly, type BrowseEvents, type BrowseResults } from './browse'
import { catalogCalls, catalogReadOnly, type CatalogEvents, type CatalogResults } from './catalog'
import { localRegistryCalls, localRegistryReadOnly, type LocalRegistryEvents, type LocalRegistryResults } from './localRegistry'
import { noticeCalls, type NoticeEvents, type NoticeResults } from './notices'
import { doctorCalls, doctorReadOnly, type DoctorEvents, type DoctorResults } from './doctor'
import { spaceCalls, spaceReadOnly, type SpaceEvents, type SpaceResults } from './space'
import { retentionCalls, retentionReadOnly, type RetentionResults } from './retention'
import { copyCalls, type CopyResults } from './copy'
import { syncCalls, syncReadOnly, type SyncEvents, type SyncResults } from './sync'
import { hubCacheCalls, hubCacheReadOnly, type HubCacheEvents, type HubCacheResults } from './hubCache'
import { archiveCalls, type ArchiveResults } from './archive'

export * from './errors'
export * from './channels'
export * from './engine'
export * from './images'
export * from './transferTypes'
export * from './registryTypes'
export * from './transfers'
export * from './registries'
export * from './browse'
export * from './catalog'
export * from './localRegistry'
export * from './stream'
export * from './notices'
export * from './doctor'
export * from './space'
export * from './retention'
export * from './copy'
export * from './sync'
export * from './hubCache'
export * from './archive'

export const callSchemas = {
  ...engineCalls,
  ...imageCalls,
  ...transferCalls,
  ...registryCalls,
  ...browseCalls,
  ...catalogCalls,
  ...localRegistryCalls,
  ...noticeCalls,
  ...doctorCalls,
  ...spaceCalls,
  ...retentionCalls,
  ...copyCalls,
  ...syncCalls,
  ...hubCacheCalls,
  ...archiveCalls
}

export type CallName = keyof typeof callSchemas

const readOnlyCalls: ReadonlySet<string> = new Set<CallName>([...engineReadOnly, ...imageReadOnly, ...transferReadOnly, ...registryReadOnly, ...browseReadOnly, ...catalogReadOnly, ...localRegistryReadOnly, ...doctorReadOnly, ...spaceReadOnly, ...retentionReadOnly, ...syncReadOnly, ...hubCacheReadOnly])

/** Whether a call only reads, so repeating it cannot change anything twice. */
export function isReadOnlyCall(name: string): boolean {
  return readOnlyCalls.has(name)
}
export type CallArgs<K extends CallName> = z.input<(typeof callSchemas)[K]>
export type ParsedArgs<K extends CallName> = z.output<(typeof callSchemas)[K]>

export interface CallResults extends EngineResults, ImageResults, TransferResults, RegistryResults, BrowseResults, CatalogResults, LocalRegistryResults, NoticeResults, DoctorResults, SpaceResults, RetentionResults, CopyResults, SyncResults, HubCacheResults, ArchiveResults {}

export interface BerthEvents extends EngineEvents, ImageEvents, TransferEvents, RegistryEvents, BrowseEvents, LocalRegistryEvents, NoticeEvents, DoctorEvents, SpaceEvents, SyncEvents, CatalogEvents, HubCacheEvents {}
export type EventName = keyof BerthEvents

/** Server side of the contract: one async function per call. */
export type Handlers = { [K in CallName]: (args: ParsedArgs<K>) => Promise<CallResults[K]> }

/**
 * What the preload exposes as `window.api`. Calls resolve to a Result envelope because
 * errors thrown across contextBridge lose everything but their message.
 */
export interface WindowApi {
  call<K extends CallName>(name: K, args: CallArgs<K>): Promise<Result<CallResults[K]>>
  on<E extends EventName>(event: E, listener: (payload: BerthEvents[E]) => void): () => void
  /** The filesystem path of a dropped File (Electron only; the web mode uploads instead). */
  pathForFile(file: File): string
  /** The system's language as Electron sees it (app.getLocale()), e.g. "zh-CN". */
  systemLocale?: string
}


// Compile-time check that every call has a result type and every result a call.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const contractIsComplete: Same<CallName, keyof CallResults> = true
void contractIsComplete
