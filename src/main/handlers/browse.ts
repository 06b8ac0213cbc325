import { isBerthError, type BrowseResults, type Handlers } from '@shared/contract'
import type { Services } from '../services'

// Failures that may mean the registry now speaks the other scheme: a health check finds out
// and switches the entry (the registry page then lists again by itself).
const SCHEME_TROUBLE = new Set(['REGISTRY_HTTP_REFUSED', 'REGISTRY_ERROR', 'REGISTRY_UNREACHABLE'])

export function browseHandlers(s: Services): Pick<Handlers, keyof BrowseResults> {
  const noticing = <T>(registryId: string, p: Promise<T>): Promise<T> =>
    p.catch((e: unknown) => {
      if (isBerthError(e) && SCHEME_TROUBLE.has(e.code)) s.registries.recheck(registryId)
      throw e
    })
  return {
    'browse.catalogPage': ({ registryId, last, n }) => noticing(registryId, s.browse.catalogPage(registryId, { last, n })),
    'browse.openRepository': ({ registryId, repository }) => noticing(registryId, s.browse.openRepository(registryId, repository)),
    'browse.tags': ({ registryId, repository }) => s.browse.tags(registryId, repository),
    'browse.tagSummaries': ({ registryId, repository, tags }) => s.browse.tagSummaries(registryId, repository, tags),
    'browse.tagCounts': ({ registryId, repositories }) => s.browse.tagCounts(registryId, repositories),
    'browse.tag': ({ registryId, repository, tag, platform }) => s.browse.tag(registryId, repository, tag, platform),
    'browse.sharedTags': ({ registryId, repository, digest }) => s.browse.sharedTags(registryId, repository, digest),
    'browse.deleteTags': ({ registryId, repository, targets, mode }) => s.browse.deleteTags(registryId, repository, targets, mode)
  }
}
