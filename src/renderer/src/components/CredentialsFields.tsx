// The user name and password fields, and the sentence that says how Berth would keep the
// password: the same in the credentials dialog, the registry dialog and the registry browser's sign-in.
import type { CredentialInfo } from '@shared/contract'
import { isDesktop } from '../lib/platform'

export function StorageNote({ info }: { info: Pick<CredentialInfo, 'protection'> | undefined }): React.JSX.Element {
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
