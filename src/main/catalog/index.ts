export { CatalogIndex, type CatalogRecord, type TagsRecord } from './catalogIndex'
export { CatalogService, type CatalogServiceOptions } from './catalogService'
export { catalogChanges } from './catalogChanges'
