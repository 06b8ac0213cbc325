import type { IncomingMessage } from 'node:http'
import type { Services } from '../main/services'

/** POST /api/<name> routes that take a raw body (file uploads); filled in by the features that need them. */
export function createUploadRoutes(_services: Services): Record<string, (req: IncomingMessage, url: URL) => Promise<unknown>> {
  return {}
}
