import type { CatalogResults, Handlers } from '@shared/contract'
import type { Services } from '../services'

export function catalogHandlers(s: Services): Pick<Handlers, keyof CatalogResults> {
  return {
    'catalog.stored': ({ registryId }) => s.catalog.stored(registryId),
    'catalog.refresh': ({ registryId }) => s.catalog.refresh(registryId),
    'catalog.cancel': async ({ registryId }) => s.catalog.cancel(registryId)
  }
}
