import { useEffect } from 'react'
import type { CredentialInfo } from '@shared/contract'
import { useRegistries } from './registriesStore'

/** Who Berth signs in as for a registry (never the password) and how Berth would keep a new one. */
export function useCredentialInfo(registry: string | undefined): CredentialInfo | undefined {
  const info = useRegistries((s) => (registry ? s.credentials[registry] : undefined))
  useEffect(() => {
    if (registry) void useRegistries.getState().loadCredentials(registry)
  }, [registry])
  return info
}
