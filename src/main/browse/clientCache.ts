// One registry client per registry entry: it holds the connection pool, the learned auth
// challenge and the token cache, so reusing it is what makes paging and tag counts fast.
// An entry whose address, scheme or TLS settings changed gets a fresh client.
import type { RegistryEntry } from '@shared/contract/registries'
import type { RegistryCredentials } from '@shared/contract/registryTypes'
import { endpointKey, endpointOf } from '@shared/registryAddress'
import { createRegistryClient, type RegistryClient, type RegistryClientOptions } from '../registry'

/** The fields of a registry entry that browsing needs. */
export type BrowseRegistry = Pick<RegistryEntry, 'id' | 'name' | 'address' | 'scheme' | 'caFile' | 'insecureSkipVerify' | 'managed'>

export type CredentialsFor = (registry: BrowseRegistry) => Promise<RegistryCredentials | undefined>

export class ClientCache {
  private readonly clients = new Map<string, { signature: string; client: RegistryClient }>()

  constructor(
    private readonly credentials: CredentialsFor,
    private readonly extra: Partial<RegistryClientOptions> = {}
  ) {}

  get(entry: BrowseRegistry): RegistryClient {
    const signature = endpointKey(entry)
    const cached = this.clients.get(entry.id)
    if (cached?.signature === signature) return cached.client
    if (cached) void cached.client.close()
    const client = createRegistryClient({
      ...endpointOf(entry),
      // Looked up when the registry first asks, and again after resetAuth (e.g. a new sign-in).
      credentials: () => this.credentials(entry),
      ...this.extra
    })
    this.clients.set(entry.id, { signature, client })
    return client
  }

  retain(ids: Set<string>): void {
    for (const [id, c] of this.clients) {
      if (ids.has(id)) continue
      this.clients.delete(id)
      void c.client.close().catch(() => undefined)
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.clients.values()]
    this.clients.clear()
    await Promise.all(all.map((c) => c.client.close().catch(() => undefined)))
  }
}
