// Every failure that crosses the bridge is one of these codes plus a message that says what
// happened and a hint that says what to do. Electron's IPC drops custom Error fields, so
// errors travel as plain data inside a result envelope.
//
// Messages and hints are catalog keys plus parameters (`m('errors.x', { port })`, see
// src/shared/i18n): the renderer shows them in the user's language; `message`/`hint` keep the
// English rendering for logs and for clients that do not translate. A plain string is only for
// text Berth did not write (an exception's own message), which no catalog can know.
import { m, type Msg } from '../i18n/message'
import { inEnglish } from '../i18n/translator'
import type { Explained } from './explained'

export const errorCodes = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'ENGINE_UNREACHABLE',
  'IMAGE_IN_USE',
  'REGISTRY_UNREACHABLE',
  'REGISTRY_HTTP_REFUSED',
  'REGISTRY_ERROR',
  'AUTH_REQUIRED',
  'AUTH_DENIED',
  'TLS_UNTRUSTED',
  'DELETE_DISABLED',
  'CATALOG_UNSUPPORTED',
  'PORT_IN_USE',
  'HUB_UNREACHABLE',
  'CANCELLED',
  'INTERNAL'
] as const

export type ErrorCode = (typeof errorCodes)[number]

export interface ApiErrorData extends Explained {
  code: ErrorCode
  /** Structured extras the UI may render (e.g. the containers using an image, a daemon.json snippet). */
  details?: Record<string, unknown>
}

export class BerthError extends Error {
  readonly code: ErrorCode
  readonly hint?: string
  readonly msg?: Msg
  readonly hintMsg?: Msg
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: Msg | string, hint?: Msg | string, details?: Record<string, unknown>) {
    super(typeof message === 'string' ? message : inEnglish(message))
    this.name = 'BerthError'
    this.code = code
    this.hint = hint === undefined || typeof hint === 'string' ? hint : inEnglish(hint)
    if (typeof message !== 'string') this.msg = message
    if (hint !== undefined && typeof hint !== 'string') this.hintMsg = hint
    this.details = details
  }

  toData(): ApiErrorData {
    return { code: this.code, message: this.message, hint: this.hint, msg: this.msg, hintMsg: this.hintMsg, details: this.details }
  }

  static fromData(data: ApiErrorData): BerthError {
    return new BerthError(data.code, data.msg ?? data.message, data.hintMsg ?? data.hint, data.details)
  }
}

export function isBerthError(e: unknown): e is BerthError {
  return e instanceof BerthError
}

/** Anything thrown, as a BerthError: unknown errors become INTERNAL with their own message. */
export function toBerthError(e: unknown): BerthError {
  if (e instanceof BerthError) return e
  return new BerthError('INTERNAL', (e instanceof Error ? e.message : String(e)) || m('errors.unexpected'))
}

/** Turns anything thrown into transportable error data; an unknown error reaching a transport is a bug. */
export function toErrorData(e: unknown): ApiErrorData {
  if (e instanceof BerthError) return e.toData()
  const err = toBerthError(e)
  return new BerthError(err.code, err.msg ?? err.message, m('hints.reportBug'), err.details).toData()
}

/** The registry wants (other) credentials: the UI offers to sign in, main tries without a token. */
export function isAuthError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  return code === 'AUTH_REQUIRED' || code === 'AUTH_DENIED'
}

/** The error's code, whatever was thrown (INTERNAL for anything that is not Berth's). */
export const errorCode = (e: unknown): ErrorCode => toBerthError(e).code

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData }
