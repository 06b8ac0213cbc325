// Every failure that crosses the bridge is one of these codes plus a message that says what
// happened and a hint that says what to do. Electron's IPC drops custom Error fields, so
// errors travel as plain data inside a result envelope.

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

export interface ApiErrorData {
  code: ErrorCode
  /** What happened, in one sentence a user understands. */
  message: string
  /** What to do about it. */
  hint?: string
  /** Structured extras the UI may render (e.g. the containers using an image, a daemon.json snippet). */
  details?: Record<string, unknown>
}

export class BerthError extends Error {
  readonly code: ErrorCode
  readonly hint?: string
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, message: string, hint?: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'BerthError'
    this.code = code
    this.hint = hint
    this.details = details
  }

  toData(): ApiErrorData {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details }
  }

  static fromData(data: ApiErrorData): BerthError {
    return new BerthError(data.code, data.message, data.hint, data.details)
  }
}

export function isBerthError(e: unknown): e is BerthError {
  return e instanceof BerthError
}

/** Anything thrown, as a BerthError: unknown errors become INTERNAL with their own message. */
export function toBerthError(e: unknown): BerthError {
  if (e instanceof BerthError) return e
  return new BerthError('INTERNAL', (e instanceof Error ? e.message : String(e)) || 'Unexpected error')
}

/** Turns anything thrown into transportable error data; an unknown error reaching a transport is a bug. */
export function toErrorData(e: unknown): ApiErrorData {
  if (e instanceof BerthError) return e.toData()
  return { ...toBerthError(e).toData(), hint: 'This is a bug in Berth; please report it with the steps that led here.' }
}

/** The registry wants (other) credentials: the UI offers to sign in, main tries without a token. */
export function isAuthError(e: unknown): boolean {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined
  return code === 'AUTH_REQUIRED' || code === 'AUTH_DENIED'
}

/** The error's code, whatever was thrown (INTERNAL for anything that is not Berth's). */
export const errorCode = (e: unknown): ErrorCode => toBerthError(e).code

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData }
