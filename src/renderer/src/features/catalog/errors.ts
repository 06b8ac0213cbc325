import { BerthError } from '@shared/contract'

export function asBerthError(e: unknown): BerthError {
  return e instanceof BerthError ? e : new BerthError('INTERNAL', e instanceof Error ? e.message : String(e))
}

/** The registry wants (other) credentials: the page shows a sign-in form instead of an error. */
export const needsSignIn = (e: BerthError | undefined): boolean => e?.code === 'AUTH_REQUIRED' || e?.code === 'AUTH_DENIED'
