import { useTranslation } from 'react-i18next'
import { useEngine } from './engineStore'

/** Always says which engine Berth talks to. */
export function EngineBadge(): React.JSX.Element {
  const { t } = useTranslation()
  const status = useEngine((s) => s.status)
  if (!status) return <div className="engine-badge">{t('engine.connecting')}</div>
  if (status.state === 'down') {
    return (
      <div className="engine-badge engine-down" data-testid="engine-badge">
        <span className="dot dot-red" /> {t('engine.none')}
      </div>
    )
  }
  const e = status.engine
  return (
    <div className="engine-badge" data-testid="engine-badge" title={e.endpoint}>
      <span className="dot dot-green" /> {e.name} {e.version} · {e.os}/{e.arch} · <span className="muted">{e.endpoint}</span>
    </div>
  )
}
