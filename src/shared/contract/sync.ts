// Sync sets: a saved list of repositories with tag patterns ("library/nginx:1.27*"), copied
// from a source registry (e.g. a Docker Hub mirror the user added) to a target. Plan says what
// is new or changed; Run copies exactly that as one transfer; a second Run copies only what
// changed since. Tags gone upstream are reported, never deleted downstream.
import { z } from 'zod'
import { platformError } from '../platformFilter'
import { repositoryError, tagError } from '../reference'
import { checkAddress, DOCKER_HUB_ALIASES } from '../registryAddress'
import { checkedString } from './checkedString'
import { BerthError } from './errors'
import { said } from './issueMessage'
import { m, type Msg } from '../i18n/message'
import type { TransferSnapshot } from './transferTypes'
import type { RegistryEntry } from './registries'

/** `repository[:tagPattern]`, `*` and `?` as wildcards in the tag; no tag: every tag. */
export function syncEntryError(entry: string): Msg | null {
  const { repository, pattern } = splitSyncEntry(entry)
  const repoProblem = repositoryError(repository)
  if (repoProblem) return m('errors.sync.entry', { entry, problem: repoProblem })
  if (pattern === '') return m('errors.sync.emptyPattern', { entry })
  // A pattern is a tag with wildcards: check it with the wildcards as letters.
  const tagProblem = tagError(pattern.replace(/[*?]/g, 'x'))
  return tagProblem ? m('errors.sync.entry', { entry, problem: tagProblem }) : null
}

export function splitSyncEntry(entry: string): { repository: string; pattern: string } {
  const at = entry.lastIndexOf(':')
  const slash = entry.lastIndexOf('/')
  return at > slash ? { repository: entry.slice(0, at), pattern: entry.slice(at + 1) } : { repository: entry, pattern: '*' }
}

/**
 * A source typed as an address rather than picked from the sidebar: a Docker Hub mirror such as
 * `mirror.example.com` (HTTPS), `http://10.0.0.5:5000`, or Docker Hub itself (`docker.io`).
 */
export function mirrorSourceError(value: string): Msg | null {
  const c = checkAddress(value)
  return c.ok ? null : c.error
}

/** The registry a typed source names: Docker Hub's aliases become its registry API host. */
export function mirrorSource(value: string): Pick<RegistryEntry, 'id' | 'name' | 'address' | 'scheme'> {
  const c = checkAddress(value)
  if (!c.ok) throw new BerthError('INVALID_INPUT', m('errors.address.invalid', { reason: c.error }), m('hints.sync.mirrorAddress'))
  const address = DOCKER_HUB_ALIASES.includes(c.address) ? 'registry-1.docker.io' : c.address
  return { id: `mirror:${address}`, name: address, address, scheme: c.scheme ?? 'https' }
}

/** On Docker Hub (and its mirrors) a one-part name is an official image: nginx → library/nginx. */
export function hubEntry(entry: string): string {
  const { repository, pattern } = splitSyncEntry(entry)
  return `${repository.includes('/') ? repository : `library/${repository}`}:${pattern}`
}

const entry = checkedString(syncEntryError)

export const syncSetInput = z
  .object({
    /** Omitted: a new set. */
    id: z.string().trim().min(1).optional(),
    name: z.string().trim().min(1, said(m('errors.input.sync.name'))).max(100),
    /** A registry of the sidebar… */
    sourceRegistryId: z.string().trim().min(1, said(m('errors.input.sync.source'))).optional(),
    /** …or a Docker Hub mirror typed as an address. */
    sourceMirror: checkedString(mirrorSourceError).optional(),
    targetRegistryId: z.string().trim().min(1, said(m('errors.input.sync.target'))),
    entries: z.array(entry).min(1, said(m('errors.input.sync.entries'))).max(1000),
    /**
     * Copy only these platforms of a multi-arch index (os/arch[/variant]). The target then gets
     * an index listing only them, so its digest differs from the source's; the platform
     * manifests keep theirs. Empty or absent: every platform, the index byte for byte.
     */
    platforms: z.array(checkedString(platformError)).max(20).optional()
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.sourceRegistryId) === Boolean(v.sourceMirror)) ctx.addIssue({ code: 'custom', path: ['sourceRegistryId'], message: said(m('errors.input.sync.sourceOrMirror')) })
  })

export type SyncSetInput = z.output<typeof syncSetInput>
export type SyncSet = SyncSetInput & { id: string }

export type SyncItemStatus = 'new' | 'changed' | 'same'

export interface SyncPlanItem {
  repository: string
  tag: string
  status: SyncItemStatus
  /** The manifest digest the target gets: the source's, or the filtered index's under a platform filter. */
  digest: string
  /** Under a platform filter, the source index the filtered one is made from (its digest at the source). */
  sourceDigest?: string
  /** Compressed size of the image's blobs (new and changed items only). */
  size?: number
}

export interface SyncPlan {
  setId: string
  items: SyncPlanItem[]
  /** Tags at the target that match a pattern but are gone upstream: kept, only reported. */
  vanished: { repository: string; tag: string }[]
  /** Tags that have none of the set's platforms: left out. */
  unmatched?: { repository: string; tag: string }[]
  /** Entries that could not be read (the rest of the plan still stands). */
  problems: { entry: string; message: string; msg?: Msg }[]
  /** Bytes of the new and changed items. */
  size: number
}

const id = z.object({ id: z.string().trim().min(1, said(m('errors.input.sync.id'))) })

export const syncCalls = {
  'sync.list': z.void(),
  'sync.save': syncSetInput,
  'sync.remove': id,
  /** What a Run would copy now, with sizes; changes nothing. */
  'sync.plan': id,
  /** Copies what is new or changed as one transfer. */
  'sync.run': id
}

export const syncReadOnly = ['sync.list', 'sync.plan'] as const satisfies readonly (keyof typeof syncCalls)[]

export interface SyncResults {
  'sync.list': SyncSet[]
  'sync.save': SyncSet
  'sync.remove': { id: string }
  'sync.plan': SyncPlan
  'sync.run': TransferSnapshot
}

export interface SyncEvents {
  /** The saved sets changed. */
  'sync.changed': SyncSet[]
}
