// Where a registry's space goes: every blob counted once, however many tags or repositories use
// it; per tag, the bytes only it uses (what deleting it frees after garbage collection). And
// comparing two tags of a repository: layers shared, added and removed, config changes.
import { z } from 'zod'
import { registryId, repository, tag } from './fields'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { ItemError } from './explained'

export interface TagSpace extends ItemError {
  tag: string
  digest: string
  /** Every blob the tag needs (manifests, configs, layers of every platform), each once. */
  size: number
  /** Bytes no other tag of the scope (repository, or registry) uses. */
  unique: number
}

export interface RepositorySpace {
  repository: string
  /** Bytes of every blob the repository's tags use, each counted once. */
  stored: number
  tags: TagSpace[]
}

export interface RepositorySpaceRow extends ItemError {
  repository: string
  tagCount: number
  stored: number
  /** Bytes no other repository uses. */
  unique: number
}

export interface RegistrySpace {
  /** Bytes of every blob any tag uses, each counted once across repositories. */
  stored: number
  repositories: RepositorySpaceRow[]
  /** Stopped by the user before every repository was read. */
  cancelled: boolean
}

export interface SpaceProgressEvent {
  jobId: string
  /** Repositories measured so far, of `total`. */
  done: number
  total: number
}

export type LayerChange = 'shared' | 'added' | 'removed'

export interface CompareLayer {
  digest: string
  size: number
  change: LayerChange
}

export interface ConfigChange {
  /** `Env`, `Cmd`, `Entrypoint`, `Label`, `User`, `WorkingDir`, `ExposedPorts`. */
  field: string
  /** For Env/Label: the variable or label name. */
  key?: string
  before?: string
  after?: string
}

export interface TagComparison {
  repository: string
  a: { tag: string; digest: string; platform?: string }
  b: { tag: string; digest: string; platform?: string }
  layers: CompareLayer[]
  sharedBytes: number
  addedBytes: number
  removedBytes: number
  config: ConfigChange[]
}

const jobId = z.string().trim().regex(/^[A-Za-z0-9-]{8,64}$/, said(m('errors.input.jobId')))

export const spaceCalls = {
  /** Stored and unique bytes of one repository's tags. */
  'space.repository': z.object({ registryId, repository }),
  /** The whole registry (progress: space.progress with this jobId; stop with space.cancel). */
  'space.registry': z.object({ registryId, jobId }),
  'space.cancel': z.object({ jobId }),
  /** Layers and config of `b` against `a` (for indexes: `platform`, default the first one). */
  'space.compare': z.object({ registryId, repository, a: tag, b: tag, platform: z.string().max(100).optional() })
}

/** Calls that only read (measuring and comparing change nothing). */
export const spaceReadOnly = ['space.repository', 'space.registry', 'space.compare'] as const satisfies readonly (keyof typeof spaceCalls)[]

export interface SpaceResults {
  'space.repository': RepositorySpace
  'space.registry': RegistrySpace
  'space.cancel': { cancelled: boolean }
  'space.compare': TagComparison
}

export interface SpaceEvents {
  'space.progress': SpaceProgressEvent
}
