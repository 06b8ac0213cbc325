import type { ApiErrorData } from '@shared/contract'
import { ErrorPanel } from '../../components/ErrorPanel'
import { useCredentialsPrompt } from '../registries/credentialsPrompt'

/** The decoded failure: what happened, what to do, the daemon.json snippet, and a way to sign in. */
export function TransferError({ error, registry, transferId }: { error: ApiErrorData; registry?: string; transferId: string }): React.JSX.Element {
  const ask = useCredentialsPrompt((s) => s.ask)
  const daemonMessage = typeof error.details?.daemonMessage === 'string' ? error.details.daemonMessage : undefined
  const needsAuth = (error.code === 'AUTH_REQUIRED' || error.code === 'AUTH_DENIED') && registry
  return (
    <ErrorPanel error={error} testId="transfer-error">
      {needsAuth && (
        <div>
          <button className="button small primary" onClick={() => ask({ registry, reason: error.message, retryId: transferId })}>
            Enter credentials and retry…
          </button>
        </div>
      )}
      {daemonMessage && daemonMessage !== error.message && (
        <details className="daemon-message">
          <summary>The engine’s message</summary>
          <code className="break">{daemonMessage}</code>
        </details>
      )}
    </ErrorPanel>
  )
}
