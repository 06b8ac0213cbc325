import { useTranslation } from 'react-i18next'
import type { LayerProgress, TransferKind } from '@shared/contract/transferTypes'
import { formatBytes, formatPercent } from '../../lib/format'
import { layerText } from './layerText'

const FINISHED = new Set(['pushed', 'exists', 'mounted', 'done', 'downloaded'])

/** Per-layer state as main parsed it: the daemon's words, bytes and a small bar. */
export function LayerList({ layers, kind }: { layers: LayerProgress[]; kind: TransferKind }): React.JSX.Element {
  const { t } = useTranslation()
  if (layers.length === 0) return <p className="muted layer-empty">{t('transfers.noLayers')}</p>
  return (
    <ul className="layer-list" aria-label={t('transfers.layers')}>
      {layers.map((l) => {
        const pct = l.total > 0 ? Math.min(100, Math.floor((l.current / l.total) * 100)) : FINISHED.has(l.phase) ? 100 : 0
        const skipped = l.phase === 'exists' || l.phase === 'mounted'
        return (
          <li key={l.id} className="layer-row" data-testid="layer-row" data-phase={l.phase}>
            <code className="layer-id">{l.id}</code>
            <span className={`layer-label${skipped ? ' muted' : ''}`} title={l.label}>
              {layerText(t, l)}
            </span>
            <div className={`progress mini${FINISHED.has(l.phase) ? ' done' : ''}`} aria-hidden="true">
              <div style={{ width: `${skipped ? 100 : pct}%` }} />
            </div>
            <span className="num layer-bytes">
              {skipped ? '–' : l.total > 0 ? `${formatBytes(l.current)} / ${formatBytes(l.total)}` : l.current > 0 ? formatBytes(l.current) : ''}
              {kind === 'pull' && l.extract && l.extract.total > 0 && l.phase === 'extracting' ? ` · ${t('transfers.unpacking', { percent: formatPercent(l.extract.current / l.extract.total) })}` : ''}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
