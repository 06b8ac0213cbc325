// Step 6: how the registry wants callers to sign in (anonymous, Basic, Bearer), and whether the
// credentials Berth would use work. Bearer: the token service must answer with a token.
import { isBerthError } from '@shared/contract/errors'
import { errorText, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

export async function checkAuth(ctx: DoctorContext): Promise<StepOutcome> {
  const t = ctx.transport
  if (!t || !ctx.isRegistry || !ctx.v2) return skipped('skipped.after', { step: 'registry' })
  const address = ctx.entry.address
  if (ctx.v2.status === 200) {
    ctx.authOk = true
    return ok('auth.anonymous')
  }
  const kind = ctx.v2.challenge
  if (kind !== 'basic' && kind !== 'bearer') return failed('auth.unsupported', {}, 'auth.unsupportedFix')
  const username = (await ctx.deps.username?.(address).catch(() => undefined)) ?? ''
  const hasCredentials = await t.auth.hasCredentials().catch(() => false)
  if (kind === 'basic' && !hasCredentials) return failed('auth.needed', { auth: kind }, 'auth.signInFix', { address })
  try {
    await t.request({ url: '/v2/', ctx: { address, what: 'the API root (/v2/)' } })
    ctx.authOk = true
    return ok(hasCredentials ? 'auth.signedIn' : 'auth.anonymousToken', { auth: kind, username })
  } catch (e) {
    const code = isBerthError(e) ? e.code : 'INTERNAL'
    const error = isBerthError(e) ? e.message : errorText(e)
    if (code === 'AUTH_DENIED') return failed('auth.denied', { auth: kind, username, error }, 'auth.deniedFix', { address, username })
    if (code === 'AUTH_REQUIRED') return failed('auth.needed', { auth: kind }, 'auth.signInFix', { address })
    // Bearer: the token service itself could not be reached or gave no token.
    if (kind === 'bearer') return failed('auth.tokenFailed', { error }, 'auth.tokenFix', { address })
    return failed('auth.failed', { auth: kind, error }, 'auth.deniedFix', { address, username })
  }
}
