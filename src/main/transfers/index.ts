// Push, pull and load as background transfers with progress (see service.ts).
export { TransferService, type TransferServiceOptions } from './service'
export type { PushInput, PullInput, LoadInput, ImportInput } from './run'
export { pushPreflight, type PreflightDeps } from './preflight'
export { engineAllowsHttp, cidrContains, splitHostPort } from './insecure'
export { insecureRegistryAdvice, httpRefusedError } from './daemonJson'
export { probeScheme } from './schemeProbe'
export { loadFromUpload } from './upload'
