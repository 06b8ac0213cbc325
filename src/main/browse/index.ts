export { BrowseService, isManaged, CATALOG_PAGE_SIZE, type BrowseServiceOptions } from './browseService'
export type { BrowseRegistry, CredentialsFor } from './clientCache'
export { parseRepositoryInput } from './repositoryInput'
