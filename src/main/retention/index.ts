export { RetentionService, type RetentionServiceOptions } from './retentionService'
export { planTags, repositoryMatcher } from './plan'
