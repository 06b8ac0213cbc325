import type { CatalogResults, Handlers } from '@shared/contract'
import type { Services } from '../services'

export function catalogHandlers(s: Services): Pick<Handlers, keyof CatalogResults> {
  return {
    'catalog.stored': ({ registryId }) => s.catalog.stored(registryId),
    'catalog.refresh': ({ registryId }) => s.catalog.refresh(registryId),
    'catalog.cancel': async ({ registryId }) => s.catalog.cancel(registryId),
    'catalog.indexTags': ({ registryId }) => s.catalogTags.start(registryId),
    'catalog.cancelTags': ({ registryId }) => s.catalogTags.cancel(registryId),
    'catalog.tagIndexStatus': ({ registryId }) => s.catalogTags.status(registryId),
    'catalog.searchTags': ({ registryId, query, limit }) => s.catalogTags.search(registryId, query, limit)
  }
}
