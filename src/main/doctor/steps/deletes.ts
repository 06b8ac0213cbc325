// Step 8: are deletes enabled? Probed without changing anything: DELETE of a manifest digest that
// cannot exist. 404 means the registry would delete; 405 UNSUPPORTED means deletes are off.
import { isBerthError } from '@shared/contract/errors'
import { repositoryScope } from '../../registry/transport'
import { errorText, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

const NO_SUCH_DIGEST = `sha256:${'0'.repeat(64)}`
const PROBE_REPOSITORY = 'berth-doctor/probe'

export async function checkDeletes(ctx: DoctorContext): Promise<StepOutcome> {
  const t = ctx.transport
  if (!t || !ctx.authOk) return skipped('skipped.after', { step: 'auth' })
  const repository = ctx.firstRepository ?? PROBE_REPOSITORY
  try {
    await t.request({
      method: 'DELETE',
      url: `/v2/${repository}/manifests/${NO_SUCH_DIGEST}`,
      scope: repositoryScope(repository, 'delete'),
      ctx: { address: ctx.entry.address, what: 'a delete probe', repository, reference: NO_SUCH_DIGEST }
    })
    // Nothing can have that digest; a 2xx means the registry accepts deletes.
    return ok('deletes.enabled', { repository })
  } catch (e) {
    const status = isBerthError(e) ? Number(e.details?.status ?? 0) : 0
    const registryCode = isBerthError(e) ? String(e.details?.registryCode ?? '') : ''
    if (status === 404) return ok('deletes.enabled', { repository })
    if (status === 405 || registryCode === 'UNSUPPORTED') return failed('deletes.off', { status, registryCode }, 'deletes.enableFix')
    if (status === 401 || status === 403) return failed('deletes.denied', { status }, 'deletes.deniedFix')
    return failed('deletes.failed', { error: isBerthError(e) ? e.message : errorText(e) }, 'deletes.enableFix')
  }
}
