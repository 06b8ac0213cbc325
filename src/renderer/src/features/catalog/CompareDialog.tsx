import { Dialog } from '../../components/Dialog'
import { formatBytes, shortDigest } from '../../lib/format'
import { useSpace } from './spaceStore'

const changeLabel = { shared: 'shared', added: 'added', removed: 'removed' } as const

/** Two tags of a repository: layers shared, added and removed (with sizes), and config changes. */
export function CompareDialog(): React.JSX.Element | null {
  const s = useSpace()
  if (s.open !== 'compare') return null
  const c = s.comparison
  return (
    <Dialog
      title={c ? `${c.a.tag} → ${c.b.tag}` : 'Compare tags'}
      onClose={s.close}
      testId="compare-dialog"
      footer={
        <button type="button" className="button primary" onClick={s.close}>
          Close
        </button>
      }
    >
      {s.error ? (
        <div role="alert">
          <p>{s.error.message}</p>
          {s.error.hint && <p className="muted">{s.error.hint}</p>}
        </div>
      ) : !c ? (
        <p className="muted">Reading both manifests…</p>
      ) : (
        <>
          <p data-testid="compare-summary">
            {formatBytes(c.sharedBytes)} shared · {formatBytes(c.addedBytes)} added · {formatBytes(c.removedBytes)} removed
            {c.b.platform && <span className="muted"> ({c.b.platform})</span>}
          </p>
          <h3>Layers</h3>
          <ul className="compare-layers" data-testid="compare-layers">
            {c.layers.map((l) => (
              <li key={`${l.change}-${l.digest}`} className={`layer-${l.change}`} data-change={l.change}>
                <span className="compare-mark">{l.change === 'added' ? '+' : l.change === 'removed' ? '−' : '='}</span>
                <span className="mono">{shortDigest(l.digest)}</span>
                <span className="num">{formatBytes(l.size)}</span>
                <span className="muted">{changeLabel[l.change]}</span>
              </li>
            ))}
          </ul>
          <h3>Config</h3>
          {c.config.length === 0 ? (
            <p className="muted">Same config (env, cmd, entrypoint, labels, user, working dir, ports).</p>
          ) : (
            <ul className="compare-config" data-testid="compare-config">
              {c.config.map((ch) => (
                <li key={`${ch.field}-${ch.key ?? ''}`}>
                  <span className="mono">
                    {ch.field}
                    {ch.key ? ` ${ch.key}` : ''}
                  </span>
                  : {ch.before !== undefined ? <span className="mono removed">{ch.before}</span> : <span className="muted">(none)</span>} →{' '}
                  {ch.after !== undefined ? <span className="mono added">{ch.after}</span> : <span className="muted">(none)</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Dialog>
  )
}
