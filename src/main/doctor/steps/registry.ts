// Step 5: GET /v2/ answers as a registry: the Docker-Distribution-API-Version header or a
// registry auth challenge. Anything else is another web server, named by what it says it is.
import { isBerthError } from '@shared/contract/errors'
import { parseWwwAuthenticate } from '../../registry/challenge'
import { tryJson } from '../../registry/errors'
import { Transport } from '../../registry/transport'
import { errorText, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

export async function checkRegistry(ctx: DoctorContext): Promise<StepOutcome> {
  if (!ctx.httpUsable || !ctx.schemeFound) return skipped('skipped.after', { step: 'tls' })
  const { entry } = ctx
  const t = new Transport({
    address: entry.address,
    scheme: ctx.schemeFound,
    caFile: entry.caFile,
    insecureSkipVerify: entry.insecureSkipVerify,
    credentials: ctx.deps.credentials ? () => ctx.deps.credentials!(entry.address) : undefined,
    timeoutMs: ctx.timeoutMs,
    connections: 2
  })
  ctx.transport = t
  ctx.cleanup.push(() => t.close())
  let res
  try {
    res = await t.send({ url: new URL('/v2/', t.origin), method: 'GET', headers: {} })
  } catch (e) {
    return failed('registry.noAnswer', { error: isBerthError(e) ? e.message : errorText(e) }, 'registry.noAnswerFix')
  }
  const apiVersion = res.headers['docker-distribution-api-version'] ?? ''
  const server = (res.headers.server ?? '').slice(0, 80)
  const challenges = res.status === 401 ? parseWwwAuthenticate(res.headers['www-authenticate']) : []
  const kind = challenges.some((c) => c.scheme === 'bearer') ? 'bearer' : challenges.some((c) => c.scheme === 'basic') ? 'basic' : challenges.length ? 'other' : undefined
  ctx.v2 = { status: res.status, challenge: kind }
  if (kind === 'bearer' || kind === 'basic') t.auth.learn(challenges)
  if (res.status === 200 && (apiVersion || (tryJson(res.body) !== undefined && !/html/i.test(res.headers['content-type'] ?? '')))) {
    ctx.isRegistry = true
    return ok('registry.ok', { status: res.status, apiVersion, scheme: ctx.schemeFound })
  }
  if (res.status === 401 && (apiVersion || kind === 'bearer' || kind === 'basic')) {
    ctx.isRegistry = true
    return ok('registry.challenge', { status: res.status, apiVersion, auth: kind ?? 'other', scheme: ctx.schemeFound })
  }
  const contentType = res.headers['content-type']?.split(';')[0] ?? ''
  return failed('registry.notRegistry', { status: res.status, server, contentType }, 'registry.notRegistryFix', { address: entry.address })
}

