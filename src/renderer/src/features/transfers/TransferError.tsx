import { useTranslation } from 'react-i18next'
import { isAuthError, type ApiErrorData } from '@shared/contract'
import { intents } from '../../app/intents'
import { ErrorPanel } from '../../components/ErrorPanel'
import { errorText } from '../../lib/i18n'
import { useTransfers } from './transfersStore'

/** The decoded failure: what happened, what to do, the daemon.json snippet, and a way to sign in. */
export function TransferError({ error, registry, transferId }: { error: ApiErrorData; registry?: string; transferId: string }): React.JSX.Element {
  const { t } = useTranslation()
  const daemonMessage = typeof error.details?.daemonMessage === 'string' ? error.details.daemonMessage : undefined
  const needsAuth = isAuthError(error) && registry
  return (
    <ErrorPanel error={error} testId="transfer-error">
      {needsAuth && (
        <div>
          <button className="button small primary" onClick={() => void intents.askCredentials({ registry, reason: errorText(error), retry: () => useTransfers.getState().retry(transferId) })}>
            {t('transfers.enterCredentialsRetry')}
          </button>
        </div>
      )}
      {daemonMessage && daemonMessage !== error.message && (
        <details className="daemon-message">
          <summary>{t('transfers.engineMessage')}</summary>
          <code className="break">{daemonMessage}</code>
        </details>
      )}
    </ErrorPanel>
  )
}
