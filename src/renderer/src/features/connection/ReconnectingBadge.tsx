import { useTranslation } from 'react-i18next'
import { useConnection } from './connectionStore'

/** Shown while the live feed is down: what is on screen may be out of date until it is back. */
export function ReconnectingBadge(): React.JSX.Element | null {
  const { t } = useTranslation()
  const state = useConnection((s) => s.state)
  if (state !== 'down') return null
  return (
    <div className="reconnecting" role="status" data-testid="reconnecting" title={t('connection.lostHint')}>
      <span className="dot dot-amber" /> {t('connection.reconnecting')}
    </div>
  )
}
