import { useEffect } from 'react'
import type { CredentialInfo } from '@shared/contract'
import { isDesktop } from '../../lib/platform'
import { useRegistries } from './registriesStore'

/** Who Berth signs in as for a registry (never the password) and how Berth would keep a new one. */
export function useCredentialInfo(registry: string | undefined): CredentialInfo | undefined {
  const info = useRegistries((s) => (registry ? s.credentials[registry] : undefined))
  useEffect(() => {
    if (registry) void useRegistries.getState().loadCredentials(registry)
  }, [registry])
  return info
}

export function StorageNote({ info }: { info: CredentialInfo | undefined }): React.JSX.Element {
  const protection = info?.protection ?? (isDesktop ? 'encrypted by your system keychain' : 'stored unencrypted in a file only your user can read')
  return (
    <p className="muted small-print" data-testid="credential-storage">
      A password you enter here is {protection}
      {isDesktop ? '.' : ' (web mode: a 0600 file in Berth’s data folder).'} It never comes back to this window.
    </p>
  )
}

interface FieldsProps {
  username: string
  password: string
  onUsername(v: string): void
  onPassword(v: string): void
  autoFocus?: boolean
}

export function CredentialsFields({ username, password, onUsername, onPassword, autoFocus }: FieldsProps): React.JSX.Element {
  return (
    <div className="field-row">
      <label className="field">
        <span>User name</span>
        <input type="text" autoComplete="username" value={username} onChange={(e) => onUsername(e.target.value)} autoFocus={autoFocus} spellCheck={false} />
      </label>
      <label className="field">
        <span>Password or access token</span>
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => onPassword(e.target.value)} />
      </label>
    </div>
  )
}
