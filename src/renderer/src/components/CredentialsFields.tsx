// The user name and password fields, and the sentence that says how Berth would keep the
// password: the same in the credentials dialog, the registry dialog and the registry browser's sign-in.
import { useTranslation } from 'react-i18next'
import type { CredentialInfo } from '@shared/contract'
import { isDesktop } from '../lib/platform'

export function StorageNote({ info }: { info: Pick<CredentialInfo, 'protection'> | undefined }): React.JSX.Element {
  const { t } = useTranslation()
  const protection = info?.protection ?? (isDesktop ? t('credentials.keychain') : t('credentials.plainFile'))
  return (
    <p className="muted small-print" data-testid="credential-storage">
      {isDesktop ? t('credentials.storageDesktop', { protection }) : t('credentials.storageWeb', { protection })}
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
  const { t } = useTranslation()
  return (
    <div className="field-row">
      <label className="field">
        <span>{t('credentials.user')}</span>
        <input type="text" autoComplete="username" value={username} onChange={(e) => onUsername(e.target.value)} autoFocus={autoFocus} spellCheck={false} />
      </label>
      <label className="field">
        <span>{t('credentials.password')}</span>
        <input type="password" autoComplete="current-password" value={password} onChange={(e) => onPassword(e.target.value)} />
      </label>
    </div>
  )
}
