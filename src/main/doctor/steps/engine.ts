// Step 9: the engine's view. Will the connected engine push to this registry over the scheme
// found (RegistryConfig: IndexConfigs, InsecureRegistryCIDRs)? Does it run on this machine (else
// "127.0.0.1" means the engine's host)? Which mirrors does it use? A refusal gets the exact fix
// for that engine: daemon.json (with its path) or Podman's registries.conf, and how to reload.
import { insecureRegistryAdvice } from '../../transfers/daemonJson'
import { engineAllowsHttp, splitHostPort } from '../../transfers/insecure'
import { errorText, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

export async function checkEngine(ctx: DoctorContext): Promise<StepOutcome> {
  let engine
  try {
    engine = await ctx.deps.engine?.()
  } catch (e) {
    return skipped('engine.none', { error: errorText(e) })
  }
  if (!engine) return skipped('engine.none', {})
  const { info, endpoint } = engine
  const name = engine.name ?? 'Docker Engine'
  const local = runsHere(endpoint)
  const mirrors = info.RegistryConfig?.Mirrors ?? []
  const loopback = isLoopback(splitHostPort(ctx.entry.address).host)
  const base = { engine: name, endpoint, local, mirrors, loopbackElsewhere: loopback && !local }
  const scheme = ctx.schemeFound ?? ctx.entry.scheme
  if (scheme === 'https') return ok('engine.https', { ...base, certsDir: ctx.entry.caFile ? certsDir(ctx.entry.address, name) : '' })
  if (await engineAllowsHttp(info, ctx.entry.address, undefined, name)) return ok('engine.acceptsHttp', base)
  const advice = insecureRegistryAdvice(ctx.entry.address, { ...info, name })
  return failed('engine.refusesHttp', { ...base, address: ctx.entry.address }, 'engine.allowHttpFix', {
    where: advice.where,
    snippet: advice.snippet,
    restart: advice.restart,
    // The renderer words these in the user's language (they are parameterless catalog keys).
    whereKey: advice.whereMsg.key,
    restartKey: advice.restartMsg.key,
    address: ctx.entry.address
  })
}

/** A socket or pipe is on this machine; tcp:// counts as here only on a loopback address. */
export function runsHere(endpoint: string): boolean {
  if (/^(unix|npipe):\/\//.test(endpoint)) return true
  try {
    return isLoopback(new URL(endpoint.replace(/^tcp:/, 'http:')).hostname)
  } catch {
    return false
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host)
}

/** Where the engine looks for a registry's CA (it does not read Berth's CA file). */
function certsDir(address: string, engine: string): string {
  return engine === 'Podman' ? `/etc/containers/certs.d/${address}/ca.crt` : `/etc/docker/certs.d/${address}/ca.crt`
}
