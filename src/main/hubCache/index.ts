// The Docker Hub cache (issue 13): registry:2 in proxy mode beside the local registry.
export { HubCacheService, type HubCacheOptions, type HubCacheStart } from './service'
export { HUB_CACHE_IDENTITY, cacheContainerOptions } from './spec'
