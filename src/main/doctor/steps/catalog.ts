// Step 7: is `_catalog` allowed? Many hosted registries refuse it; repositories can still be
// opened by name.
import { isBerthError } from '@shared/contract/errors'
import { CATALOG_SCOPE } from '../../registry/transport'
import { tryJson } from '../../registry/errors'
import { errorText, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

export async function checkCatalog(ctx: DoctorContext): Promise<StepOutcome> {
  const t = ctx.transport
  if (!t || !ctx.authOk) return skipped('skipped.after', { step: 'auth' })
  try {
    const res = await t.request({ url: '/v2/_catalog?n=10', scope: CATALOG_SCOPE, ctx: { address: ctx.entry.address, what: 'the repository list (_catalog)' } })
    const repos = (tryJson(res.body) as { repositories?: unknown } | undefined)?.repositories
    if (!Array.isArray(repos)) return failed('catalog.notJson', {}, 'catalog.openByName')
    const names = repos.filter((r): r is string => typeof r === 'string')
    ctx.firstRepository = names[0]
    return ok('catalog.ok', { count: names.length, more: Boolean(res.headers.link) })
  } catch (e) {
    const status = isBerthError(e) ? Number(e.details?.status ?? 0) : 0
    if ([401, 403, 404, 405].includes(status) || (isBerthError(e) && e.code === 'CATALOG_UNSUPPORTED')) return failed('catalog.refused', { status }, 'catalog.openByName')
    return failed('catalog.failed', { error: isBerthError(e) ? e.message : errorText(e) }, 'catalog.openByName')
  }
}
