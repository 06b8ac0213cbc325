// Air gap: registry tags → OCI archive, local images → docker save tar, an archive → a registry.
export { ArchiveRunner, type ExportSpec, type ImportSpec } from './runner'
export { ArchiveDownloads } from './downloads'
