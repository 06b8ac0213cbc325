import { useTranslation } from 'react-i18next'
import { useEffect } from 'react'
import { AuthCard } from './AuthCard'
import { DangerZone } from './DangerZone'
import { HubCacheCard } from './HubCacheCard'
import { useLocalRegistry } from './localRegistryStore'
import { MaintenanceCard } from './MaintenanceCard'
import { ShareCard } from './ShareCard'
import { StartPanel } from './StartPanel'
import { StartProblem } from './StartProblem'
import { StatusCard } from './StatusCard'

/** Uptime, logs and the repository count change without an event: refresh while the page shows. */
const REFRESH_MS = 5000

export function LocalRegistryPage(): React.JSX.Element {
  const { t } = useTranslation()
  const status = useLocalRegistry((s) => s.status)
  const problem = useLocalRegistry((s) => s.problem)

  useEffect(() => {
    const { refresh } = useLocalRegistry.getState()
    void refresh()
    const timer = setInterval(() => void refresh(), REFRESH_MS)
    return () => clearInterval(timer)
  }, [])

  return (
    <div className="page lr-page" data-testid="local-registry-page">
      <div className="toolbar">
        <strong>{t('local.title')}</strong>
        <span className="muted">{t('local.subtitle')}</span>
      </div>
      <div className="lr-scroll">
        {problem && <StartProblem problem={problem} />}
        {!status ? (
          <div className="empty">{t('common.loading')}</div>
        ) : status.state === 'absent' && !status.activity ? (
          <>
            <StartPanel status={status} />
            {status.volumeExists && <DangerZone status={status} />}
          </>
        ) : (
          <>
            <StatusCard status={status} />
            <ShareCard status={status} />
            <AuthCard status={status} />
            <MaintenanceCard status={status} />
            <DangerZone status={status} />
          </>
        )}
        <HubCacheCard />
      </div>
    </div>
  )
}
