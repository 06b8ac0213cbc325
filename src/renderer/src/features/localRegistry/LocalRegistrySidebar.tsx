import { useTranslation } from 'react-i18next'
import { IMAGE_DRAG_TYPE, readDraggedImages } from '../../lib/dragImage'
import { intents } from '../../app/intents'
import { useNav } from '../../app/navigation'
import { useLocalRegistry } from './localRegistryStore'
import { useHubCache } from './hubCacheStore'
import { stateDot, stateLabel } from './stateLabel'

/** Id of the managed entry main adds to the registries list while the registry runs. */
const MANAGED_REGISTRY_ID = 'local-registry'

/**
 * The sidebar's way in: a "Start local registry" button while there is none (or it is stopped),
 * else the running registry, which opens its page and takes dropped images to push.
 */
export function LocalRegistrySidebar(): React.JSX.Element {
  const { t } = useTranslation()
  const status = useLocalRegistry((s) => s.status)
  const busy = useLocalRegistry((s) => s.busy)
  const start = useLocalRegistry((s) => s.start)
  const cache = useHubCache((s) => s.status)
  const { page, go } = useNav()
  const active = page.kind === 'local-registry'
  const running = status?.state === 'running'

  const onStart = (): void => {
    go({ kind: 'local-registry' })
    void start()
  }

  return (
    <div className="sidebar-section lr-sidebar">
      <div className="sidebar-heading">{t('local.title')}</div>
      {status && (status.state !== 'absent' || status.activity) && (
        <button
          className={`nav-item${active ? ' active' : ''}`}
          aria-current={active ? 'page' : undefined}
          data-testid="local-registry-nav"
          title={running ? t('local.dropHere', { address: status.address }) : undefined}
          onClick={() => go({ kind: 'local-registry' })}
          onDragOver={(e) => {
            if (running && e.dataTransfer.types.includes(IMAGE_DRAG_TYPE)) {
              e.preventDefault()
              e.dataTransfer.dropEffect = 'copy'
            }
          }}
          onDrop={(e) => {
            const images = readDraggedImages(e.dataTransfer)
            if (!running || images.length === 0) return
            e.preventDefault()
            intents.openPush({ images, registryId: MANAGED_REGISTRY_ID })
          }}
        >
          <span className={`dot ${stateDot(status)}`} aria-hidden />
          <span className="lr-nav-text">
            <span>{stateLabel(t, status)}</span>
            <span className="muted mono">{status.address}</span>
          </span>
        </button>
      )}
      {(!status || ((status.state === 'absent' || status.state === 'stopped') && !status.activity)) && (
        <button className="button primary small lr-start" data-testid="start-local-registry" disabled={busy === 'start' || busy === 'load'} onClick={onStart}>
          {busy === 'start' ? t('local.starting') : t('local.start')}
        </button>
      )}
      <button className="nav-item" data-testid="hub-cache-nav" onClick={() => go({ kind: 'local-registry' })} title={t('hubCache.navTitle')}>
        <span className={`dot ${cache?.state === 'running' ? 'dot-green' : cache?.state === 'stopped' ? 'dot-red' : 'dot-grey'}`} aria-hidden />
        <span className="lr-nav-text">
          <span>{t('hubCache.title')}</span>
          <span className="muted mono">{cache && cache.state !== 'absent' ? t('hubCache.navLine', { address: cache.address, state: t(`hubCache.state.${cache.state}`) }) : t('hubCache.state.absent')}</span>
        </span>
      </button>
    </div>
  )
}
