import { Trans, useTranslation } from 'react-i18next'
import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { formatBytes } from '../../lib/format'
import { useLocalRegistry } from './localRegistryStore'

/** registry garbage-collect: deleted tags only give their space back after it. A dry run comes first. */
export function MaintenanceCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, lastGc, gcPreview, garbageCollect, previewGc, dismissGcPreview } = useLocalRegistry()
  const [untagged, setUntagged] = useState(false)
  return (
    <section className="lr-card" aria-label={t('gc.title')}>
      <header className="lr-card-head">
        <h2>{t('gc.title')}</h2>
      </header>
      <p className="muted">{t('gc.explain')}</p>
      <div className="lr-inline">
        <label className="toggle">
          <input type="checkbox" checked={untagged} onChange={(e) => setUntagged(e.target.checked)} /> {t('gc.untagged')} (<code>--delete-untagged</code>)
        </label>
        <button className="button" disabled={Boolean(busy) || status.state === 'absent'} onClick={() => void previewGc(untagged)} data-testid="gc-preview-button">
          {busy === 'gc-preview' ? t('gc.checking') : busy === 'gc' ? t('gc.collecting') : t('gc.collect')}
        </button>
      </div>
      {status.volumeSize !== undefined && (
        <p className="muted" data-testid="volume-size">
          {t('gc.volumeSize', { size: formatBytes(status.volumeSize) })}
        </p>
      )}
      {gcPreview && (
        <div className="warning-box" data-testid="gc-preview">
          <p>
            {gcPreview.eligibleBlobs === 0 ? (
              t('gc.nothing')
            ) : (
              <Trans i18nKey="gc.wouldFree" values={{ size: formatBytes(gcPreview.freeableBytes) }} count={gcPreview.eligibleBlobs} components={{ strong: <strong /> }} />
            )}
          </p>
          {gcPreview.protectedManifests > 0 && (
            <p className="muted">
              {t('gc.protected', { count: gcPreview.protectedManifests })}
            </p>
          )}
          <div className="lr-inline">
            <button className="button" onClick={dismissGcPreview}>
              {t('common.cancel')}
            </button>
            {gcPreview.eligibleBlobs > 0 && (
              <button className="button primary" disabled={Boolean(busy)} onClick={() => void garbageCollect(gcPreview.deleteUntagged)}>
                {t('gc.collectNow')}
              </button>
            )}
          </div>
        </div>
      )}
      {lastGc && (
        <div data-testid="gc-result">
          <p>
            <Trans i18nKey="gc.freed" values={{ freed: formatBytes(lastGc.freedBytes), before: formatBytes(lastGc.sizeBefore), after: formatBytes(lastGc.sizeAfter) }} components={{ strong: <strong /> }} />
          </p>
          {lastGc.output.length > 0 && (
            <details>
              <summary className="muted">{t('gc.output')}</summary>
              <pre className="snippet lr-logs" tabIndex={0} aria-label={t('gc.output')}>{lastGc.output.join('\n')}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  )
}
