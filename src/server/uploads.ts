import type { IncomingMessage } from 'node:http'
import { LOAD_UPLOAD_ROUTE } from '@shared/contract/transfers'
import { LOCAL_REGISTRY_UPLOAD_ROUTE } from '@shared/contract/localRegistry'
import { ARCHIVE_DOWNLOAD_ROUTE, ARCHIVE_IMPORT_ROUTE } from '@shared/contract/archive'
import type { ServerResponse } from 'node:http'
import type { Services } from '../main/services'
import { loadFromUpload } from '../main/transfers/upload'

/** POST /api/<name> routes that take a raw body (file uploads); filled in by the features that need them. */
export function createUploadRoutes(services: Services): Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>> {
  return {
    // A dropped `docker save` tar, streamed into the engine's load API as it arrives.
    [LOAD_UPLOAD_ROUTE]: (req, url) => loadFromUpload(services.transfers, req, url),
    // A registry image tar for the local registry when Docker Hub is out of reach.
    [LOCAL_REGISTRY_UPLOAD_ROUTE]: (req, url) => services.localRegistry.loadImage(req, url.searchParams.get('name') || 'registry image.tar'),
    // An archive to push into a registry (Import): kept as a file while the import reads it.
    [ARCHIVE_IMPORT_ROUTE]: (req, url) => services.importUploads.receive(services.transfers, req, url)
  }
}

/** GET /api/<name> routes that answer with a file (downloads). */
export function createDownloadRoutes(services: Services): Record<string, (res: ServerResponse, url: URL) => Promise<void>> {
  return {
    // An export's archive, streamed into the browser's download as it is written.
    [ARCHIVE_DOWNLOAD_ROUTE]: (res, url) => services.archive.downloads.attach(url.searchParams.get('id') ?? '', res)
  }
}
