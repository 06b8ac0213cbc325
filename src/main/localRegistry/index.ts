// The one-click local registry (issue 4): service, and the pieces tests reach for.
export { LocalRegistryService } from './service'
export { DEFAULT_IDENTITY, type LocalRegistryOptions, type ManagedRegistryEntry, type CredentialSink } from './options'
export { enginePuller, transfersPuller, mirrorReference, normalizeMirror, type ImagePuller } from './image'
export { demuxDockerLogs, lastLines } from './logs'
export { MANAGED_LABEL, type RegistryIdentity, type RegistrySetup } from './spec'
