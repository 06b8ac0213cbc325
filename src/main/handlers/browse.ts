import type { BrowseResults, Handlers } from '@shared/contract'
import type { Services } from '../services'

export function browseHandlers(s: Services): Pick<Handlers, keyof BrowseResults> {
  return {
    'browse.catalogPage': ({ registryId, last, n }) => s.browse.catalogPage(registryId, { last, n }),
    'browse.openRepository': ({ registryId, repository }) => s.browse.openRepository(registryId, repository),
    'browse.tags': ({ registryId, repository }) => s.browse.tags(registryId, repository),
    'browse.tagSummaries': ({ registryId, repository, tags }) => s.browse.tagSummaries(registryId, repository, tags),
    'browse.tagCounts': ({ registryId, repositories }) => s.browse.tagCounts(registryId, repositories),
    'browse.tag': ({ registryId, repository, tag, platform }) => s.browse.tag(registryId, repository, tag, platform),
    'browse.sharedTags': ({ registryId, repository, digest }) => s.browse.sharedTags(registryId, repository, digest),
    'browse.deleteTag': ({ registryId, repository, tag, digest, mode }) => s.browse.deleteTag(registryId, repository, tag, digest, mode),
    'browse.deleteTags': ({ registryId, repository, targets, mode }) => s.browse.deleteTags(registryId, repository, targets, mode)
  }
}
