// Where the space goes, per repository or for the whole registry, and tag comparisons. Runs
// through the browse service's registry clients; manifests are cached by digest on disk.
import { BerthError } from '@shared/contract/errors'
import type { RegistrySpace, RepositorySpace, SpaceProgressEvent, TagComparison } from '@shared/contract/space'
import type { BrowseService } from '../browse'
import { compareTags } from './compare'
import { ManifestCache } from './manifestCache'
import { measureRegistry, measureTags, repositorySpace } from './measure'
import { m } from '@shared/i18n/message'

export interface SpaceServiceOptions {
  browse: BrowseService
  /** Where manifests are cached across restarts; none: memory only. */
  cacheDir?: string
  onProgress?: (p: SpaceProgressEvent) => void
}

export class SpaceService {
  readonly cache: ManifestCache
  private readonly jobs = new Map<string, AbortController>()

  constructor(private readonly opts: SpaceServiceOptions) {
    this.cache = new ManifestCache(opts.cacheDir)
  }

  repository(registryId: string, repository: string): Promise<RepositorySpace> {
    return this.opts.browse.withClient(registryId, async (c) => repositorySpace(repository, await measureTags(c, this.cache, repository)))
  }

  async registry(registryId: string, jobId: string): Promise<RegistrySpace> {
    if (this.jobs.has(jobId)) throw new BerthError('CONFLICT', m('errors.space.running'), m('hints.space.running'))
    const job = new AbortController()
    this.jobs.set(jobId, job)
    try {
      return await this.opts.browse.withClient(registryId, (c) =>
        measureRegistry(c, this.cache, { signal: job.signal, onProgress: (done, total) => this.opts.onProgress?.({ jobId, done, total }) })
      )
    } finally {
      this.jobs.delete(jobId)
    }
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.jobs.get(jobId)
    job?.abort()
    return { cancelled: Boolean(job) }
  }

  compare(registryId: string, repository: string, a: string, b: string, platform?: string): Promise<TagComparison> {
    return this.opts.browse.withClient(registryId, (c) => compareTags(c, repository, a, b, platform))
  }
}
