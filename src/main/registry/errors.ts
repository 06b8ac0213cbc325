// Turns whatever a registry (or something pretending to be one) answers into a BerthError
// whose message says what happened and whose hint says what to do. Nothing here echoes
// request headers, so credentials can never leak into an error.
import { BerthError, isBerthError } from '@shared/contract/errors'
import { m, type Msg, type MsgParam } from '@shared/i18n/message'
import type { RawResponse } from './http'

export interface ErrorContext {
  /** host[:port] as the user typed it. */
  address: string
  /** What Berth was doing, e.g. m('what.reg.tags', { repository }) (a plain string is shown as is). */
  what: MsgParam
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
  // The registry's own words (English, from the server) follow the sentence when it sent any.
  const said = registryMessage ? m('errors.reg.said', { message: registryMessage }) : ''
  const text = entries ? '' : clean(bodyText(res.body))

  if (res.status === 400 && /client sent an http request to an https server/i.test(text)) {
    return new BerthError('REGISTRY_HTTP_REFUSED', m('errors.reg.httpsOnly', { address: ctx.address }), m('hints.reg.schemeHttps'), { ...details, expectedScheme: 'https' })
  }
  if (!entries && !looksLikeRegistryAnswer(res)) return notARegistry(ctx, res)

  if (registryCode === 'UNSUPPORTED' || res.status === 405) {
    return new BerthError('REGISTRY_ERROR', m('errors.reg.unsupported', { address: ctx.address, what: ctx.what, said }), m('hints.reg.featureOff'), details)
  }
  if (res.status === 404 || registryCode === 'NAME_UNKNOWN' || registryCode === 'MANIFEST_UNKNOWN' || registryCode === 'BLOB_UNKNOWN') {
    return notFound(ctx, registryCode, details)
  }
  if (res.status === 403 || registryCode === 'DENIED') {
    return new BerthError('AUTH_DENIED', m('errors.reg.denied', { address: ctx.address, what: ctx.what, said }), m('hints.reg.lacksPermission'), details)
  }
  if (res.status === 401 || registryCode === 'UNAUTHORIZED') {
    return new BerthError('AUTH_REQUIRED', m('errors.reg.signIn', { address: ctx.address, what: ctx.what, said }), m('hints.auth.add'), details)
  }
  if (res.status === 429 || registryCode === 'TOOMANYREQUESTS') {
    return new BerthError('REGISTRY_ERROR', m('errors.reg.rateLimited', { address: ctx.address, said }), m('hints.reg.waitOrSignIn'), details)
  }
  if (res.status >= 500) {
    return new BerthError('REGISTRY_ERROR', m('errors.reg.serverFailed', { address: ctx.address, status: res.status, what: ctx.what, said: said || (text ? m('errors.reg.bodySaid', { text: text.slice(0, 120) }) : '') }), m('hints.reg.serverProblem'), details)
  }
  return new BerthError('REGISTRY_ERROR', m('errors.reg.refused', { address: ctx.address, what: ctx.what, status: res.status, said }), m('hints.reg.checkLogs'), details)
}

function notFound(ctx: ErrorContext, registryCode: string | undefined, details: Record<string, unknown>): BerthError {
  const repo = ctx.repository
  if (registryCode === 'NAME_UNKNOWN' && repo) {
    return new BerthError('NOT_FOUND', m('errors.reg.noRepository', { repository: repo, address: ctx.address }), m('hints.reg.repositoryExistsOncePushed'), details)
  }
  if (registryCode === 'MANIFEST_UNKNOWN' && repo) {
    const ref = ctx.reference ? `${ctx.repository}${ctx.reference.includes(':') ? '@' : ':'}${ctx.reference}` : ctx.repository
    return new BerthError('NOT_FOUND', m('errors.reg.noReference', { reference: ref ?? '', address: ctx.address }), m('hints.reg.deletedRefresh'), details)
  }
  if (registryCode === 'BLOB_UNKNOWN') {
    return new BerthError('NOT_FOUND', m('errors.reg.blobMissing', { repository: repo ? m('errors.reg.quoted', { text: repo }) : m('errors.reg.theImage'), address: ctx.address, what: ctx.what }), m('hints.reg.incomplete'), details)
  }
  return new BerthError('NOT_FOUND', m('errors.reg.notFound', { what: ctx.what, address: ctx.address }), m('hints.reg.checkNameRefresh'), details)
}

export function notARegistry(ctx: ErrorContext, res: Pick<RawResponse, 'status' | 'headers'>, why: Msg = m('errors.reg.why.notRegistry')): BerthError {
  const type = res.headers['content-type']?.split(';')[0]
  return new BerthError(
    'REGISTRY_ERROR',
    m('errors.reg.notRegistry', { address: ctx.address, why, status: type ? `${res.status}, ${type}` : res.status, what: ctx.what }),
    m('hints.reg.pointAtRegistry'),
    { status: res.status, contentType: type }
  )
}

/** JSON of a successful answer, or a REGISTRY_ERROR saying the server is not behaving like a registry. */
export function parseJsonBody(res: RawResponse, ctx: ErrorContext): unknown {
  const json = tryJson(res.body)
  if (json === undefined) throw notARegistry(ctx, res, m('errors.reg.why.notJson'))
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
const refusedCodes: Record<string, Msg> = {
  ECONNREFUSED: m('errors.net.ECONNREFUSED'),
  ENOTFOUND: m('errors.net.ENOTFOUND'),
  EAI_AGAIN: m('errors.net.EAI_AGAIN'),
  EHOSTUNREACH: m('errors.net.EHOSTUNREACH'),
  ENETUNREACH: m('errors.net.ENETUNREACH'),
  EADDRNOTAVAIL: m('errors.net.EADDRNOTAVAIL')
}
const timeoutCodes = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])
const droppedCodes = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_CLOSED', 'ECONNABORTED', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'])

/** Maps a thrown network/TLS error (undici or fetch, with `cause` chains) to a BerthError. */
export function networkError(e: unknown, t: NetworkTarget): BerthError {
  if (e instanceof BerthError) return e
  const codes = errorCodesOf(e)
  const where = t.isRegistry ? m('errors.net.registryAt', { address: t.address }) : m('errors.net.tokenService', { host: t.host, address: t.address })
  const details = { host: t.host, errorCode: codes[0] }
  const tls = codes.find((c) => tlsTrustCodes.has(c))
  if (tls) {
    const why = m(tls === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'errors.tls.altName' : tls === 'CERT_HAS_EXPIRED' ? 'errors.tls.expired' : /SELF_SIGNED/.test(tls) ? 'errors.tls.selfSigned' : 'errors.tls.untrustedCa')
    return new BerthError('TLS_UNTRUSTED', m('errors.tls.untrusted', { where, why }), m('hints.tls.giveCa'), details)
  }
  if (codes.some((c) => plainHttpCodes.has(c)) || /wrong version number|packet length too long/i.test(messagesOf(e))) {
    return new BerthError('REGISTRY_HTTP_REFUSED', m('errors.net.plainHttp', { where }), m('hints.reg.schemeHttp'), { ...details, expectedScheme: 'http' })
  }
  const refused = codes.find((c) => c in refusedCodes)
  if (refused) {
    return new BerthError('REGISTRY_UNREACHABLE', m('errors.net.cannotReach', { where, reason: refusedCodes[refused]! }), m('hints.reg.checkRunning'), details)
  }
  if (codes.some((c) => timeoutCodes.has(c))) {
    return new BerthError('REGISTRY_UNREACHABLE', m('errors.net.timeout', { where }), m('hints.reg.overloaded'), details)
  }
  if (codes.some((c) => droppedCodes.has(c))) {
    return new BerthError('REGISTRY_UNREACHABLE', m('errors.net.dropped', { where }), m('hints.reg.crashing'), details)
  }
  if (codes.some((c) => c.startsWith('HPE_')) || namesOf(e).includes('HTTPParserError')) {
    return new BerthError('REGISTRY_ERROR', m('errors.net.notHttp', { where }), m('hints.reg.checkPort'), details)
  }
  if (codes.some((c) => c.startsWith('ERR_SSL') || c.startsWith('ERR_TLS'))) {
    return new BerthError('REGISTRY_UNREACHABLE', m('errors.net.handshake', { where }), m('hints.reg.checkScheme'), details)
  }
  return new BerthError('REGISTRY_UNREACHABLE', m('errors.net.cannotTalk', { where, reason: clean(messagesOf(e)) || m('errors.net.generic') }), m('hints.reg.checkRunning'), details)
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

/** What the registry does not have (a tag or repository deleted meanwhile) is absent, not a failure. */
export async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work
  } catch (e) {
    if (isBerthError(e) && e.code === 'NOT_FOUND') return undefined
    throw e
  }
}
