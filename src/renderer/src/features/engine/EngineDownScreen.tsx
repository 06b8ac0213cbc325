import { useTranslation } from 'react-i18next'
import type { EngineStatus } from '@shared/contract'
import { tMsg } from '../../lib/i18n'
import { useEngine } from './engineStore'

export function EngineDownScreen({ status }: { status: Extract<EngineStatus, { state: 'down' }> }): React.JSX.Element {
  const { t } = useTranslation()
  const { retry, retrying } = useEngine()
  return (
    <div className="engine-down-screen" role="alert" data-testid="engine-down">
      <h1>{t('engine.downTitle')}</h1>
      <p>{status.hintMsg ? tMsg(status.hintMsg) : status.hint}</p>
      <h2>{t('engine.tried')}</h2>
      <ul className="tried">
        {status.tried.map((attempt) => (
          <li key={attempt.endpoint}>
            <code>{attempt.endpoint}</code> — {attempt.errorMsg ? tMsg(attempt.errorMsg) : attempt.error}
          </li>
        ))}
      </ul>
      <p className="muted">{t('engine.keepsTrying')}</p>
      <button className="button primary" onClick={() => void retry()} disabled={retrying}>
        {retrying ? t('engine.trying') : t('engine.retryNow')}
      </button>
    </div>
  )
}
