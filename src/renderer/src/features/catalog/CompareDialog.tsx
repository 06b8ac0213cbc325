import { useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog'
import { formatBytes, shortDigest } from '../../lib/format'
import { useSpace } from './spaceStore'
import { ErrorLines } from '../../components/ErrorPanel'

/** Two tags of a repository: layers shared, added and removed (with sizes), and config changes. */
export function CompareDialog(): React.JSX.Element | null {
  const { t } = useTranslation()
  const s = useSpace()
  if (s.open !== 'compare') return null
  const c = s.comparison
  return (
    <Dialog
      title={c ? `${c.a.tag} → ${c.b.tag}` : t('compare.title')}
      onClose={s.close}
      testId="compare-dialog"
      footer={
        <button type="button" className="button primary" onClick={s.close}>
          {t('doctor.close')}
        </button>
      }
    >
      {s.error ? (
        <div role="alert">
          <ErrorLines error={s.error} />
        </div>
      ) : !c ? (
        <p className="muted">{t('compare.reading')}</p>
      ) : (
        <>
          <p data-testid="compare-summary">
            {t('compare.summary', { shared: formatBytes(c.sharedBytes), added: formatBytes(c.addedBytes), removed: formatBytes(c.removedBytes) })}
            {c.b.platform && <span className="muted"> ({c.b.platform})</span>}
          </p>
          <h3>{t('compare.layers')}</h3>
          <ul className="compare-layers" data-testid="compare-layers">
            {c.layers.map((l) => (
              <li key={`${l.change}-${l.digest}`} className={`layer-${l.change}`} data-change={l.change}>
                <span className="compare-mark">{l.change === 'added' ? '+' : l.change === 'removed' ? '−' : '='}</span>
                <span className="mono">{shortDigest(l.digest)}</span>
                <span className="num">{formatBytes(l.size)}</span>
                <span className="muted">{t(`compare.change.${l.change}`)}</span>
              </li>
            ))}
          </ul>
          <h3>{t('compare.config')}</h3>
          {c.config.length === 0 ? (
            <p className="muted">{t('compare.sameConfig')}</p>
          ) : (
            <ul className="compare-config" data-testid="compare-config">
              {c.config.map((ch) => (
                <li key={`${ch.field}-${ch.key ?? ''}`}>
                  <span className="mono">
                    {ch.field}
                    {ch.key ? ` ${ch.key}` : ''}
                  </span>
                  : {ch.before !== undefined ? <span className="mono removed">{ch.before}</span> : <span className="muted">{t('compare.none')}</span>} →{' '}
                  {ch.after !== undefined ? <span className="mono added">{ch.after}</span> : <span className="muted">{t('compare.none')}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Dialog>
  )
}
