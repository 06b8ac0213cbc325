import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import type { CredentialsRequest } from '../../app/intents'
import { DialogActions } from '../../components/DialogActions'
import { Dialog } from '../../components/Dialog'
import { FormProblem } from '../../components/FormProblem'
import { useSubmit } from '../../components/useSubmit'
import { useCredentialsPrompt } from './credentialsPrompt'
import { credentialLine } from '../../lib/format'
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
  const { busy, problem, run } = useSubmit()

  const save = async (): Promise<void> => {
    if (busy || !username.trim() || !password) return
    await run(async () => {
      await useRegistries.getState().saveCredentials(registry, username, password)
      setPassword('')
      useCredentialsPrompt.getState().close(true)
      await retry?.()
    })
  }

  return (
    <Dialog
      title={t('credentials.signInTo', { registry })}
      onClose={close}
      onSubmit={() => void save()}
      testId="credentials-dialog"
      footer={
        <DialogActions onCancel={close} submitLabel={retry ? t('credentials.saveRetry') : t('common.save')} disabled={busy || !username.trim() || !password} />
      }
    >
      {reason && <p>{reason}</p>}
      <p className="muted">{credentialLine(t, info)}</p>
      <CredentialsFields username={username} password={password} onUsername={setUsername} onPassword={setPassword} autoFocus />
      <StorageNote info={info} />
      <FormProblem problem={problem} />
    </Dialog>
  )
}
