// Browsing a registry: its catalog, a repository's tags, one tag's details, deleting a tag.
// Everything is read through main's registry client; credentials never come this way.
import { z } from 'zod'
import { registryId, repository, tag, digest } from './fields'
import type { ErrorCode } from './errors'
import type { CatalogPage, TagDetails } from './registryTypes'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { Explained, ItemError } from './explained'

export interface RepositoryTags {
  repository: string
  /** Version-aware order (1.9 before 1.10). */
  tags: string[]
  /** openRepository only: the tag of a pasted reference (`team/app:1.2`), to select it. */
  tag?: string
}

/** One row of the tag list; filled lazily for the rows on screen. */
export interface TagSummary extends Pick<TagDetails, 'tag' | 'digest' | 'mediaType' | 'isIndex' | 'size'>, ItemError {
  /** Newest `created` of its platforms (ISO 8601), when a config says it. */
  created?: string
  /** `os/arch[/variant]` of each platform. */
  platforms: string[]
}

export interface TagCounts {
  counts: Record<string, number>
  /** Repositories whose tag list failed, with the reason. */
  errors: Record<string, string>
}

export interface SharedTags {
  digest: string
  /** Every tag of the repository pointing at `digest` (the asked tag included), version order. */
  tags: string[]
}

/** `tag`: only the name goes (the image and its other tags stay); `image`: the manifest and every tag on it. */
export type DeleteMode = 'tag' | 'image'

export interface DeleteTarget {
  tag: string
  /** The digest the user saw: the delete is refused when the tag moved since. */
  digest: string
}

export interface TagDeleteFailure extends Explained {
  tag: string
  code: ErrorCode
}

export interface DeleteTagsResult {
  deleted: string[]
  /** Tags that could not be deleted, and why (the others were). */
  failed: TagDeleteFailure[]
  managed?: boolean
}

/** Progress of a multi-tag delete (one tag at a time). */
export interface DeleteProgressEvent {
  registryId: string
  repository: string
  done: number
  total: number
  /** The tag being deleted. */
  tag: string
}

export interface BrowseEvents {
  'browse.deleteProgress': DeleteProgressEvent
}


const deleteMode = z.enum(['tag', 'image']).default('tag')

export const browseCalls = {
  /** One `_catalog` page; CATALOG_UNSUPPORTED when the registry does not list (Docker Hub, GHCR…). */
  'browse.catalogPage': z.object({ registryId, last: z.string().min(1).optional(), n: z.number().int().min(1).max(1000).optional() }),
  /** A repository typed by name (or a pasted reference such as `host/team/app:1.0`): its tags; NOT_FOUND when absent. */
  'browse.openRepository': z.object({ registryId, repository: z.string().trim().min(1, said(m('errors.input.typeRepository'))).max(600) }),
  'browse.tags': z.object({ registryId, repository }),
  /** Digest, size, created and platforms of some tags (the rows on screen). */
  'browse.tagSummaries': z.object({ registryId, repository, tags: z.array(tag).min(1).max(100) }),
  /** Tag counts of some repositories (the rows on screen). */
  'browse.tagCounts': z.object({ registryId, repositories: z.array(repository).min(1).max(200) }),
  /** Full details; `platform` (`os/arch[/variant]`) picks whose layers, config and history to show. */
  'browse.tag': z.object({ registryId, repository, tag, platform: z.string().max(100).optional() }),
  /** The tags a delete of `digest` would remove together. */
  'browse.sharedTags': z.object({ registryId, repository, digest }),
  /**
   * Deletes tags one at a time (progress: browse.deleteProgress) and reports which failed and why;
   * a tag no longer pointing at its `digest` fails with CONFLICT. `mode: 'tag'` (the default)
   * removes only the names; `image` deletes the manifest and every tag pointing at it.
   */
  'browse.deleteTags': z.object({ registryId, repository, targets: z.array(z.object({ tag, digest })).min(1, said(m('errors.input.chooseTag'))).max(1000, said(m('errors.input.tooManyTags'))), mode: deleteMode })
}

/** Calls that only read: safe to repeat after a network failure (see lib/api.ts). */
export const browseReadOnly = ['browse.catalogPage', 'browse.openRepository', 'browse.tags', 'browse.tagSummaries', 'browse.tagCounts', 'browse.tag', 'browse.sharedTags'] as const satisfies readonly (keyof typeof browseCalls)[]

export interface BrowseResults {
  'browse.catalogPage': CatalogPage
  'browse.openRepository': RepositoryTags
  'browse.tags': RepositoryTags
  'browse.tagSummaries': TagSummary[]
  'browse.tagCounts': TagCounts
  'browse.tag': TagDetails
  'browse.sharedTags': SharedTags
  'browse.deleteTags': DeleteTagsResult
}
