// The user's registry list (sidebar), its health checks and the managed local registry entry.
export { RegistryService, type RegistryServiceOptions, type RegistryInput, type RegistryPatch } from './service'
export { readRegistryList, writeRegistryList } from './settingsFile'
export { createPinger } from './healthCheck'
export { Limiter } from './limiter'
