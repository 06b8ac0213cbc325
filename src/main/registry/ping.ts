// GET /v2/ tells whether a registry is there and how it wants auth. With credentials at hand,
// ping also proves they work (like `docker login`), so the UI can say "signed in".
import { BerthError, isAuthError, isBerthError, toErrorData } from '@shared/contract/errors'
import type { RegistryPingResult } from '@shared/contract/registryTypes'
import { parseWwwAuthenticate } from './challenge'
import { decodeRegistryError, notARegistry, tryJson, type ErrorContext } from './errors'
import type { Transport } from './transport'
import { m } from '@shared/i18n/message'

export async function ping(t: Transport): Promise<RegistryPingResult> {
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.root') }
  try {
    const res = await t.sendFollowing('GET', new URL('/v2/', t.origin), {}, undefined)
    const apiVersionHeader = res.headers['docker-distribution-api-version']
    const base = apiVersionHeader ? { apiVersionHeader } : {}

    if (res.status === 200) {
      if (apiVersionHeader || tryJson(res.body) !== undefined || res.body.length === 0) return { state: 'reachable', ...base }
      return down(notARegistry(ctx, res))
    }
    if (res.status !== 401) return down(decodeRegistryError(res, ctx))

    if (!t.auth.learn(parseWwwAuthenticate(res.headers['www-authenticate']))) {
      if (!apiVersionHeader) return down(notARegistry(ctx, res, m('errors.reg.why.unknownAuth')))
      return { state: 'auth-required', ...base, ...fields(new BerthError('AUTH_REQUIRED', m('errors.auth.unsupported', { address: t.address }), m('hints.auth.supported'))) }
    }
    const authScheme = t.auth.scheme
    if (!(await t.auth.hasCredentials())) {
      return { state: 'auth-required', authScheme, ...base, ...fields(new BerthError('AUTH_REQUIRED', m('errors.auth.required', { address: t.address }), m('hints.auth.addOrLogin', { address: t.address }))) }
    }
    try {
      await t.request({ url: '/v2/', ctx })
      return { state: 'reachable', authScheme, ...base }
    } catch (e) {
      if (isBerthError(e) && isAuthError(e)) return { state: 'auth-required', authScheme, ...base, ...fields(e) }
      return { ...down(e), authScheme }
    }
  } catch (e) {
    return down(e)
  }
}

function down(e: unknown): RegistryPingResult {
  return { state: 'down', ...fields(e) }
}

function fields(e: unknown): Pick<RegistryPingResult, 'error' | 'errorCode' | 'hint' | 'errorMsg' | 'hintMsg'> {
  const d = toErrorData(e)
  return { error: d.message, errorCode: d.code, ...(d.hint ? { hint: d.hint } : {}), ...(d.msg ? { errorMsg: d.msg } : {}), ...(d.hintMsg ? { hintMsg: d.hintMsg } : {}) }
}
