// A registry's whole catalog: walked (in parallel where the registry's order allows), kept in
// Berth's index in the data directory, and shown from there at once when the registry reopens.
import { z } from 'zod'
import { registryId } from './fields'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { Explained } from './explained'

/** Why a walk stopped before the end of the catalog. */
export type IncompleteReason = 'error' | 'capped' | 'timeout' | 'cancelled' | 'ignores-last'

/** What happened and what to do (lists stored before catalog messages exist have only the English). */
export interface IncompleteWalk extends Explained {
  reason: IncompleteReason
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

/** Tag lists read into the index in the background. */
export interface TagIndexProgress {
  registryId: string
  running: boolean
  /** Repositories whose tags are in the index (of `total` in the stored catalog). */
  done: number
  total: number
  /** Repositories whose tag list could not be read in this run. */
  failed: number
  /** The last run was stopped by the user. */
  cancelled?: boolean
  /** Larger is newer, whether it came as an event or as a call's answer (an event may overtake it). */
  rev: number
}

export interface TagSearchResult {
  query: string
  /** Repositories with a matching tag, in catalog order, each with its matching tags. */
  matches: { repository: string; tags: string[] }[]
  /** More repositories matched than were returned. */
  truncated: boolean
  /** Repositories searched (their tags are indexed), of `total`. */
  indexed: number
  total: number
}

/** A tag, or a pattern with * (any run) and ? (one character). */
const tagQuery = z
  .string()
  .trim()
  .min(1, said(m('errors.input.typeTag')))
  .max(128, said(m('errors.input.tagTooLong')))
  .regex(/^[\w*?][\w.*?-]*$/, said(m('errors.input.tagPattern')))

export const catalogCalls = {
  /** The stored catalog of a registry (no network), or null when it was never read. */
  'catalog.stored': z.object({ registryId }),
  /** Walks the whole catalog now, stores it, and says what changed. */
  'catalog.refresh': z.object({ registryId }),
  /** Stops a running walk of this registry (the user left the page). */
  'catalog.cancel': z.object({ registryId }),
  /** Starts reading every repository's tags into the index (progress: `catalog.tagIndex` events). */
  'catalog.indexTags': z.object({ registryId }),
  'catalog.cancelTags': z.object({ registryId }),
  'catalog.tagIndexStatus': z.object({ registryId }),
  /** Repositories having a tag (or tags matching a pattern), over the index. */
  'catalog.searchTags': z.object({ registryId, query: tagQuery, limit: z.number().int().min(1).max(5000).optional() })
}

export const catalogReadOnly = ['catalog.stored', 'catalog.tagIndexStatus', 'catalog.searchTags'] as const satisfies readonly (keyof typeof catalogCalls)[]

export interface CatalogResults {
  'catalog.stored': StoredCatalog | null
  'catalog.refresh': CatalogRefresh
  'catalog.cancel': { cancelled: boolean }
  'catalog.indexTags': TagIndexProgress
  'catalog.cancelTags': TagIndexProgress
  'catalog.tagIndexStatus': TagIndexProgress
  'catalog.searchTags': TagSearchResult
}

export interface CatalogEvents {
  'catalog.tagIndex': TagIndexProgress
}
