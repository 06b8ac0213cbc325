// Push, pull and load as background transfers. Calls return the transfer's first snapshot at
// once; progress arrives as 'transfers.update' events (at most 20 per second per transfer).
import { z } from 'zod'
import type { ApiErrorData } from './errors'
import type { CredentialStatus } from './registries'
import { imageRefField } from './fields'
import type { TransferSnapshot } from './transferTypes'
import { said } from './issueMessage'
import { m } from '../i18n/message'
import type { RegistryScheme } from './registryTypes'

/** What Berth found out before a push, so the dialog can warn before anything starts. */
export interface PushPreflight {
  /** host[:port] of the target registry. */
  registry: string
  /** How the registry answers: 'unknown' when it could not be probed (the push still may work). */
  scheme: RegistryScheme | 'unknown'
  /** The engine will talk plain HTTP to this registry (insecure-registries or 127.0.0.0/8). */
  engineAllowsHttp: boolean
  /** Set when the push would fail: e.g. REGISTRY_HTTP_REFUSED with details.snippet and details.daemonJson. */
  problem?: ApiErrorData
  /** Where the push's credentials will come from; never the secret itself. */
  credentials: CredentialStatus
}

const id = z.string().trim().min(1, said(m('errors.input.transferIdRequired')))
const reference = imageRefField(m('errors.input.referenceRequired'))

export const transferCalls = {
  'transfers.list': z.void(),
  /** Tags `source` (image ID or reference) as `target` and pushes `target`. */
  'transfers.push': z.object({ source: imageRefField(m('errors.input.chooseImage')), target: reference }),
  /** Checks a push target without starting anything (scheme, engine's insecure-registries, credentials). */
  'transfers.preflight': z.object({ target: reference }),
  'transfers.pull': z.object({ reference }),
  /** Loads a `docker save` / OCI archive from a path on this machine (Electron; the web mode uploads instead). */
  'transfers.load': z.object({ path: z.string().trim().min(1, said(m('errors.input.pathRequired'))) }),
  'transfers.cancel': z.object({ id }),
  /** Starts a failed or cancelled transfer again, under the same id. */
  'transfers.retry': z.object({ id }),
  /** Forgets finished transfers: the given one, or every finished one. */
  'transfers.dismiss': z.object({ id: id.optional() })
}

/** Calls that only read: safe to repeat after a network failure (see lib/api.ts). */
export const transferReadOnly = ['transfers.list', 'transfers.preflight'] as const satisfies readonly (keyof typeof transferCalls)[]

export interface TransferResults {
  'transfers.list': TransferSnapshot[]
  'transfers.push': TransferSnapshot
  'transfers.preflight': PushPreflight
  'transfers.pull': TransferSnapshot
  'transfers.load': TransferSnapshot
  'transfers.cancel': TransferSnapshot
  'transfers.retry': TransferSnapshot
  'transfers.dismiss': { removed: string[] }
}

export interface TransferEvents {
  /** A transfer started, progressed or ended (coalesced to ≤ 20 per second per transfer). */
  'transfers.update': TransferSnapshot
  /** Finished transfers were dismissed. */
  'transfers.removed': { ids: string[] }
}

/** Web-mode upload route for archive loads: POST /api/transfers/load?name=<file name>. */
export const LOAD_UPLOAD_ROUTE = 'transfers/load'
