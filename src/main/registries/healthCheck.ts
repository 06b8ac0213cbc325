// One health check: GET /v2/ through the registry client, with the credentials Berth would use,
// so "reachable" means "usable as you are signed in now".
import type { RegistryEntry } from '@shared/contract/registries'
import type { RegistryPingResult } from '@shared/contract/registryTypes'
import { endpointOf } from '@shared/registryAddress'
import type { CredentialResolver } from '../credentials/resolve'
import { createRegistryClient } from '../registry'

export function createPinger(credentials: Pick<CredentialResolver, 'resolveCredentials'> | undefined, timeoutMs = 5000): (entry: RegistryEntry) => Promise<RegistryPingResult> {
  return async (entry) => {
    const client = createRegistryClient({
      ...endpointOf(entry),
      credentials: credentials ? () => credentials.resolveCredentials(entry.address) : undefined,
      timeoutMs,
      connections: 1
    })
    try {
      return await client.ping()
    } finally {
      await client.close().catch(() => undefined)
    }
  }
}
