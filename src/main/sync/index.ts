// Sync sets: saved repository/tag-pattern lists copied registry → registry (see service.ts).
export { SyncService, type SyncServiceOptions } from './service'
export { planSync, planItems } from './plan'
export { matchesPattern } from './patterns'
