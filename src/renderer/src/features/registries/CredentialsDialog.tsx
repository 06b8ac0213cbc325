import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { api } from '../../lib/api'
import { useTransfers } from '../transfers/transfersStore'
import { useCredentialsPrompt } from './credentialsPrompt'
import { CredentialsFields, StorageNote, credentialLine, useCredentialInfo } from './CredentialsFields'

/** Rendered once (PushLayer); opened by a failed push/pull or the push dialog. */
export function CredentialsDialogHost(): React.JSX.Element | null {
  const request = useCredentialsPrompt((s) => s.request)
  if (!request) return null
  return <CredentialsDialog key={`${request.registry}|${request.retryId ?? ''}`} registry={request.registry} reason={request.reason} retryId={request.retryId} />
}

function CredentialsDialog({ registry, reason, retryId }: { registry: string; reason?: string; retryId?: string }): React.JSX.Element {
  const close = useCredentialsPrompt((s) => s.close)
  const [info] = useCredentialInfo(registry)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string>()

  const save = async (): Promise<void> => {
    if (busy || !username.trim() || !password) return
    setBusy(true)
    setProblem(undefined)
    try {
      await api.call('credentials.set', { registry, username: username.trim(), password })
      setPassword('')
      close()
      if (retryId) await useTransfers.getState().retry(retryId)
    } catch (e) {
      setProblem((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={`Sign in to ${registry}`}
      onClose={close}
      onSubmit={() => void save()}
      testId="credentials-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !username.trim() || !password}>
            {retryId ? 'Save and retry' : 'Save'}
          </button>
        </>
      }
    >
      {reason && <p>{reason}</p>}
      <p className="muted">{credentialLine(info)}</p>
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
