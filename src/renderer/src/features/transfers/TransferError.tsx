import type { ApiErrorData } from '@shared/contract'
import { useCredentialsPrompt } from '../registries/credentialsPrompt'

/** The decoded failure: what happened, what to do, the daemon.json snippet, and a way to sign in. */
export function TransferError({ error, registry, transferId }: { error: ApiErrorData; registry?: string; transferId: string }): React.JSX.Element {
  const ask = useCredentialsPrompt((s) => s.ask)
  const snippet = typeof error.details?.snippet === 'string' ? error.details.snippet : undefined
  const where = typeof error.details?.daemonJson === 'string' ? error.details.daemonJson : undefined
  const daemonMessage = typeof error.details?.daemonMessage === 'string' ? error.details.daemonMessage : undefined
  const needsAuth = (error.code === 'AUTH_REQUIRED' || error.code === 'AUTH_DENIED') && registry
  return (
    <div className="transfer-error" role="alert" data-testid="transfer-error" data-code={error.code}>
      <div className="transfer-error-title">{error.message}</div>
      {error.hint && <div className="transfer-error-hint">{error.hint}</div>}
      {where && (
        <div className="muted">
          Where: <code>{where}</code>
        </div>
      )}
      {snippet && (
        <pre className="snippet" data-testid="daemon-json-snippet">
          {snippet}
        </pre>
      )}
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
    </div>
  )
}
