export { SpaceService, type SpaceServiceOptions } from './spaceService'
export { ManifestCache } from './manifestCache'
export { configChanges } from './compare'
