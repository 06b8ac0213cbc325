// Public surface of the registry client.
export { createRegistryClient, type RegistryClient, type RegistryClientOptions } from './client'
export { compareTags, sortTags } from '@shared/tagOrder'
export { mapLimit } from './concurrency'
export { parseWwwAuthenticate, type Challenge } from './challenge'
export { parseLinkNext } from './pagination'
export { MediaType, MANIFEST_ACCEPT, isIndexMediaType } from './manifests'
export type { FetchLike } from './http'
