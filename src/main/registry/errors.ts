// Turns whatever a registry (or something pretending to be one) answers into a BerthError
// whose message says what happened and whose hint says what to do. Nothing here echoes
// request headers, so credentials can never leak into an error.
import { BerthError, isBerthError } from '@shared/contract/errors'
import type { RawResponse } from './http'

export interface ErrorContext {
  /** host[:port] as the user typed it. */
  address: string
  /** What Berth was doing, e.g. `the tags of "team/app"`. */
  what: string
  repository?: string
  reference?: string
}

export interface RegistryErrorEntry {
  code: string
  message: string
  detail?: unknown
}

/** A registry's `{"errors":[…]}` body, or undefined when the body is something else. */
export function registryErrors(body: Uint8Array): RegistryErrorEntry[] | undefined {
  const json = tryJson(body)
  if (!json || typeof json !== 'object' || !Array.isArray((json as { errors?: unknown }).errors)) return undefined
  return ((json as { errors: unknown[] }).errors as unknown[]).filter(isObject).map((e) => ({
    code: typeof e.code === 'string' ? e.code : 'UNKNOWN',
    message: typeof e.message === 'string' ? e.message : '',
    detail: e.detail
  }))
}

export function decodeRegistryError(res: RawResponse, ctx: ErrorContext): BerthError {
  const entries = registryErrors(res.body)
  const first = entries?.[0]
  const registryCode = first?.code
  const registryMessage = first ? clean(first.message) : undefined
  const details = { status: res.status, registryCode, registryMessage }
  const said = registryMessage ? ` (registry says: ${registryMessage})` : ''
  const text = entries ? '' : clean(bodyText(res.body))

  if (res.status === 400 && /client sent an http request to an https server/i.test(text)) {
    return new BerthError('REGISTRY_HTTP_REFUSED', `${ctx.address} only speaks HTTPS, but Berth used plain HTTP.`, "Set this registry's scheme to https.", { ...details, expectedScheme: 'https' })
  }
  if (!entries && !looksLikeRegistryAnswer(res)) return notARegistry(ctx, res)

  if (registryCode === 'UNSUPPORTED' || res.status === 405) {
    return new BerthError('REGISTRY_ERROR', `${ctx.address} does not support ${ctx.what}${said}.`, 'The registry may have this feature turned off.', details)
  }
  if (res.status === 404 || registryCode === 'NAME_UNKNOWN' || registryCode === 'MANIFEST_UNKNOWN' || registryCode === 'BLOB_UNKNOWN') {
    return notFound(ctx, registryCode, details)
  }
  if (res.status === 403 || registryCode === 'DENIED') {
    return new BerthError('AUTH_DENIED', `${ctx.address} denied access to ${ctx.what}${said}.`, 'Your account lacks permission for this; sign in with an account that has it.', details)
  }
  if (res.status === 401 || registryCode === 'UNAUTHORIZED') {
    return new BerthError('AUTH_REQUIRED', `${ctx.address} requires signing in for ${ctx.what}${said}.`, 'Add credentials for this registry.', details)
  }
  if (res.status === 429 || registryCode === 'TOOMANYREQUESTS') {
    return new BerthError('REGISTRY_ERROR', `${ctx.address} is rate-limiting Berth${said}.`, 'Wait a minute and try again, or sign in to get a higher limit.', details)
  }
  if (res.status >= 500) {
    return new BerthError('REGISTRY_ERROR', `${ctx.address} failed with HTTP ${res.status} while Berth read ${ctx.what}${said || (text ? `: ${text.slice(0, 120)}` : '')}.`, 'The registry itself has a problem; check its logs and try again.', details)
  }
  return new BerthError('REGISTRY_ERROR', `${ctx.address} refused ${ctx.what} with HTTP ${res.status}${said}.`, 'Check the registry logs for details.', details)
}

function notFound(ctx: ErrorContext, registryCode: string | undefined, details: Record<string, unknown>): BerthError {
  const repo = ctx.repository ? `"${ctx.repository}"` : undefined
  if (registryCode === 'NAME_UNKNOWN' && repo) {
    return new BerthError('NOT_FOUND', `Repository ${repo} does not exist on ${ctx.address}.`, 'Check the name; a repository exists once something has been pushed to it.', details)
  }
  if (registryCode === 'MANIFEST_UNKNOWN' && repo) {
    const ref = ctx.reference ? `${ctx.repository}${ctx.reference.includes(':') ? '@' : ':'}${ctx.reference}` : ctx.repository
    return new BerthError('NOT_FOUND', `"${ref}" does not exist on ${ctx.address}.`, 'It may have been deleted; refresh the list.', details)
  }
  if (registryCode === 'BLOB_UNKNOWN') {
    return new BerthError('NOT_FOUND', `A blob of ${repo ?? 'the image'} is missing on ${ctx.address} (${ctx.what}).`, 'The image is incomplete in the registry; push it again.', details)
  }
  return new BerthError('NOT_FOUND', `${capitalize(ctx.what)} was not found on ${ctx.address}.`, 'Check the name and refresh the list.', details)
}

export function notARegistry(ctx: ErrorContext, res: Pick<RawResponse, 'status' | 'headers'>, why = 'did not answer like a registry'): BerthError {
  const type = res.headers['content-type']?.split(';')[0]
  return new BerthError(
    'REGISTRY_ERROR',
    `The server at ${ctx.address} ${why} (HTTP ${res.status}${type ? `, ${type}` : ''}) while Berth read ${ctx.what}.`,
    'Check the address and port: they must point at the registry itself (Registry HTTP API V2), not a web page or proxy.',
    { status: res.status, contentType: type }
  )
}

/** JSON of a successful answer, or a REGISTRY_ERROR saying the server is not behaving like a registry. */
export function parseJsonBody(res: RawResponse, ctx: ErrorContext): unknown {
  const json = tryJson(res.body)
  if (json === undefined) throw notARegistry(ctx, res, 'sent something that is not JSON')
  return json
}

/** A registry answers errors in JSON or with its API version header; HTML means something else. */
export function looksLikeRegistryAnswer(res: RawResponse): boolean {
  if (res.headers['docker-distribution-api-version']) return true
  if (res.body.length === 0) return true
  const type = res.headers['content-type'] ?? ''
  if (/json/i.test(type)) return tryJson(res.body) !== undefined
  return false
}

// ---- network failures -------------------------------------------------------------------

export interface NetworkTarget {
  /** host:port actually contacted. */
  host: string
  /** The registry's address (for messages) and whether `host` is the registry itself. */
  address: string
  isRegistry: boolean
  scheme: string
}

const tlsTrustCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])
const plainHttpCodes = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST'])
const refusedCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available'
}
const timeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])
const droppedCodes = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED', 'ECONNABORTED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'])

/** Maps a thrown network/TLS error (undici or fetch, with `cause` chains) to a BerthError. */
export function networkError(e: unknown, t: NetworkTarget): BerthError {
  if (e instanceof BerthError) return e
  const codes = errorCodesOf(e)
  const where = t.isRegistry ? `the registry at ${t.address}` : `${t.host} (the token service of ${t.address})`
  const details = { host: t.host, errorCode: codes[0] }
  const tls = codes.find((c) => tlsTrustCodes.has(c))
  if (tls) {
    const why = tls === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'its certificate is for another host name' : tls === 'CERT_HAS_EXPIRED' ? 'its certificate has expired' : /SELF_SIGNED/.test(tls) ? 'its certificate is self-signed' : 'its certificate is not signed by a trusted authority'
    return new BerthError('TLS_UNTRUSTED', `Berth does not trust ${where}: ${why}.`, "Give this registry the CA certificate (PEM) that signed its certificate in the registry's CA file option; only for a test registry, turn on 'skip TLS verification'.", details)
  }
  if (codes.some((c) => plainHttpCodes.has(c)) || /wrong version number|packet length too long/i.test(messagesOf(e))) {
    return new BerthError('REGISTRY_HTTP_REFUSED', `${where} answered in plain HTTP, not HTTPS.`, "Set this registry's scheme to http (the engine must also list it in insecure-registries unless it is on 127.0.0.1).", { ...details, expectedScheme: 'http' })
  }
  const refused = codes.find((c) => c in refusedCodes)
  if (refused) {
    return new BerthError('REGISTRY_UNREACHABLE', `Cannot reach ${where}: ${refusedCodes[refused]}.`, 'Check that the registry is running and that the address and port are right.', details)
  }
  if (codes.some((c) => timeoutCodes.has(c))) {
    return new BerthError('REGISTRY_UNREACHABLE', `${capitalize(where)} did not answer in time.`, 'Check the network and that the registry is not overloaded, then try again.', details)
  }
  if (codes.some((c) => droppedCodes.has(c))) {
    return new BerthError('REGISTRY_UNREACHABLE', `${capitalize(where)} closed the connection without a complete answer.`, 'The registry may be crashing, restarting or not an HTTP server; check its logs and the port.', details)
  }
  if (codes.some((c) => c.startsWith('HPE_')) || namesOf(e).includes('HTTPParserError')) {
    return new BerthError('REGISTRY_ERROR', `${capitalize(where)} did not answer in HTTP.`, "Check the port: it must be the registry's HTTP(S) port, not another service.", details)
  }
  if (codes.some((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS'))) {
    return new BerthError('REGISTRY_UNREACHABLE', `The TLS handshake with ${where} failed.`, 'Check the scheme (https/http) and the registry certificate setup.', details)
  }
  return new BerthError('REGISTRY_UNREACHABLE', `Cannot talk to ${where}: ${clean(messagesOf(e)) || 'network error'}.`, 'Check that the registry is running and that the address and port are right.', details)
}

function errorCodesOf(e: unknown, depth = 0): string[] {
  if (!isObject(e) || depth > 5) return []
  const own = typeof e.code === 'string' ? [e.code] : []
  const nested = Array.isArray(e.errors) ? e.errors.flatMap((x) => errorCodesOf(x, depth + 1)) : []
  return [...own, ...nested, ...errorCodesOf(e.cause, depth + 1)]
}

function namesOf(e: unknown, depth = 0): string[] {
  if (!isObject(e) || depth > 5) return []
  return [typeof e.name === 'string' ? e.name : '', ...namesOf(e.cause, depth + 1)]
}

function messagesOf(e: unknown, depth = 0): string {
  if (!isObject(e) || depth > 5) return ''
  const msg = typeof e.message === 'string' ? e.message : ''
  return [msg, messagesOf(e.cause, depth + 1)].filter(Boolean).join(': ')
}

// ---- small helpers ----------------------------------------------------------------------

export function tryJson(body: Uint8Array): unknown {
  if (body.length === 0) return undefined
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
  } catch {
    return undefined
  }
}

function bodyText(body: Uint8Array): string {
  return Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 2048)).toString('utf8')
}

/** Server-provided text, made safe to show: no control characters, bounded length. */
export function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 300)
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

/** What the registry does not have (a tag or repository deleted meanwhile) is absent, not a failure. */
export async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work
  } catch (e) {
    if (isBerthError(e) && e.code === 'NOT_FOUND') return undefined
    throw e
  }
}
