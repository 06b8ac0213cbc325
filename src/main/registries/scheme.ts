// When the stored scheme of a registry stops working: does the other one answer as a registry
// (TLS put in front, or taken away)?
import type { RegistryEntry } from '@shared/contract/registries'
import type { RegistryPingResult } from '@shared/contract/registryTypes'
import type { ProbedScheme } from '../transfers/schemeProbe'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export type SchemeProbe = (address: string) => Promise<ProbedScheme>
type Scheme = RegistryScheme

// Refused, unknown host or silence on the port: the other scheme is on the same port and cannot help.
const HOPELESS = /refused|not found|lookup failed|unreachable|not available|in time/i

/** The other scheme and its answer, when the stored one found no registry and the other does. */
export async function otherSchemeWorks(
  entry: RegistryEntry,
  failed: RegistryPingResult,
  ping: (entry: RegistryEntry) => Promise<RegistryPingResult>
): Promise<{ scheme: Scheme; result: RegistryPingResult } | undefined> {
  const worth = failed.errorCode === 'REGISTRY_HTTP_REFUSED' || failed.errorCode === 'REGISTRY_ERROR' || (failed.errorCode === 'REGISTRY_UNREACHABLE' && !HOPELESS.test(failed.error ?? ''))
  if (!worth) return undefined
  const scheme: Scheme = entry.scheme === 'https' ? 'http' : 'https'
  const result = await ping({ ...entry, scheme }).catch((): undefined => undefined)
  return result && result.state !== 'down' ? { scheme, result } : undefined
}
