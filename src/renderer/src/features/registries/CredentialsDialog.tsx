import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import { toBerthError } from '@shared/contract'
import type { CredentialsRequest } from '../../app/intents'
import { Dialog } from '../../components/Dialog'
import { useCredentialsPrompt } from './credentialsPrompt'
import { credentialLine } from '../../lib/format'
import { errorText } from '../../lib/i18n'
import { CredentialsFields, StorageNote } from '../../components/CredentialsFields'
import { useCredentialInfo } from './useCredentialInfo'
import { useRegistries } from './registriesStore'

/** Rendered once by App; opened through the askCredentials intent (a failed transfer, the push dialog). */
export function CredentialsDialogHost(): React.JSX.Element | null {
  const request = useCredentialsPrompt((s) => s.request)
  if (!request) return null
  return <CredentialsDialog key={request.id} {...request} />
}

function CredentialsDialog({ registry, reason, retry }: CredentialsRequest): React.JSX.Element {
  const { t } = useTranslation()
  const close = (): void => useCredentialsPrompt.getState().close(false)
  const info = useCredentialInfo(registry)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string>()

  const save = async (): Promise<void> => {
    if (busy || !username.trim() || !password) return
    setBusy(true)
    setProblem(undefined)
    try {
      await useRegistries.getState().saveCredentials(registry, username, password)
      setPassword('')
      useCredentialsPrompt.getState().close(true)
      await retry?.()
    } catch (e) {
      setProblem(errorText(toBerthError(e)))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={t('credentials.signInTo', { registry })}
      onClose={close}
      onSubmit={() => void save()}
      testId="credentials-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button primary" disabled={busy || !username.trim() || !password}>
            {retry ? t('credentials.saveRetry') : t('common.save')}
          </button>
        </>
      }
    >
      {reason && <p>{reason}</p>}
      <p className="muted">{credentialLine(t, info)}</p>
      <CredentialsFields username={username} password={password} onUsername={setUsername} onPassword={setPassword} autoFocus />
      <StorageNote info={info} />
      {problem && (
        <p className="feedback error" role="alert">
          {problem}
        </p>
      )}
    </Dialog>
  )
}
