// A registry's whole catalog: walked (in parallel where the registry's order allows), kept in
// Berth's index in the data directory, and shown from there at once when the registry reopens.
import { z } from 'zod'

/** Why a walk stopped before the end of the catalog. */
export type IncompleteReason = 'error' | 'capped' | 'timeout' | 'cancelled' | 'ignores-last'

export interface IncompleteWalk {
  reason: IncompleteReason
  /** What happened and what to do, for people. */
  message: string
  hint?: string
}

/**
 * What Berth noticed about how a registry pages: it ignores `n` (sends more than asked), sends
 * no Link to the next page, or is not in lexical order (so it is walked one page after another).
 */
export type CatalogQuirk = 'ignores-n' | 'no-link' | 'unordered'

export interface CatalogWalkResult {
  repositories: string[]
  /** False when the walk stopped early: `incomplete` says why. */
  complete: boolean
  incomplete?: IncompleteWalk
  strategy: 'partitioned' | 'sequential'
  /** Ranges walked (1 for a sequential walk). */
  partitions: number
  requests: number
  quirks: CatalogQuirk[]
}

/** A registry's catalog as Berth last read it. */
export interface StoredCatalog {
  repositories: string[]
  /** When the walk that produced it finished (ISO 8601). */
  walkedAt: string
  complete: boolean
  incomplete?: IncompleteWalk
}

export interface CatalogRefresh extends CatalogWalkResult {
  walkedAt: string
  /** Against the stored list (absent when nothing was stored). */
  changes?: { added: string[]; removed: string[] }
}

const registryId = z.string().trim().min(1, 'A registry is required')

export const catalogCalls = {
  /** The stored catalog of a registry (no network), or null when it was never read. */
  'catalog.stored': z.object({ registryId }),
  /** Walks the whole catalog now, stores it, and says what changed. */
  'catalog.refresh': z.object({ registryId }),
  /** Stops a running walk of this registry (the user left the page). */
  'catalog.cancel': z.object({ registryId })
}

export const catalogReadOnly = ['catalog.stored'] as const satisfies readonly (keyof typeof catalogCalls)[]

export interface CatalogResults {
  'catalog.stored': StoredCatalog | null
  'catalog.refresh': CatalogRefresh
  'catalog.cancel': { cancelled: boolean }
}
