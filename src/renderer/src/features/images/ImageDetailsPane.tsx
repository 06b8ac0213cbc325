import { useTranslation } from 'react-i18next'
import type { ImageDetails } from '@shared/contract'
import { formatBytes, formatExact } from '../../lib/format'

interface Props {
  details: ImageDetails | undefined
  error: string | undefined
  onTag(): void
  onRemove(): void
  onUntag(ref: string): void
  /** Feature slot for actions other features add (e.g. Push to…). */
  extraActions?: React.ReactNode
}

export function ImageDetailsPane({ details, error, onTag, onRemove, onUntag, extraActions }: Props): React.JSX.Element {
  const { t } = useTranslation()
  if (error) return <aside className="details" role="alert">{error}</aside>
  if (!details) return <aside className="details muted">{t('common.loading')}</aside>
  const d = details
  const layers = d.history.filter((h) => !h.emptyLayer)
  return (
    <aside className="details" aria-label={t('details.label')} data-testid="image-details">
      <div className="details-actions">
        <button className="button primary" onClick={onTag}>
          {t('details.tag')}
        </button>
        {extraActions}
        <button className="button danger" onClick={onRemove}>
          {t('details.removeImage')}
        </button>
      </div>
      <h3>{t('details.image')}</h3>
      <dl className="kv">
        <dt>{t('details.id')}</dt>
        <dd className="mono break">{d.id}</dd>
        <dt>{t('images.col.created')}</dt>
        <dd>{formatExact(Date.parse(d.created))}</dd>
        <dt>{t('images.col.size')}</dt>
        <dd>{formatBytes(d.size)}</dd>
        <dt>{t('details.platform')}</dt>
        <dd>
          {d.os}/{d.architecture}
          {d.variant ? `/${d.variant}` : ''}
        </dd>
      </dl>
      <h3>{t('details.tags')}</h3>
      {d.repoTags.length === 0 ? (
        <p className="muted">{t('details.untagged')}</p>
      ) : (
        <ul className="chips" data-testid="detail-tags">
          {d.repoTags.map((tag) => (
            <li key={tag} className="chip">
              <span className="mono">{tag}</span>
              <button className="icon-button" aria-label={t('details.removeTag', { tag })} title={t('details.removeTagOnly')} onClick={() => onUntag(tag)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {d.repoDigests.length > 0 && (
        <>
          <h3>{t('details.digests')}</h3>
          <ul className="plain mono break">
            {d.repoDigests.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </>
      )}
      {d.containers.length > 0 && (
        <>
          <h3>{t('details.usedBy')}</h3>
          <ul className="plain">
            {d.containers.map((c) => (
              <li key={c.id}>
                {c.name} <span className="muted">({c.state})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('details.config')}</h3>
      <dl className="kv">
        <dt>{t('details.entrypoint')}</dt>
        <dd className="mono">{d.entrypoint.length ? JSON.stringify(d.entrypoint) : '–'}</dd>
        <dt>{t('details.cmd')}</dt>
        <dd className="mono">{d.cmd.length ? JSON.stringify(d.cmd) : '–'}</dd>
        {d.workingDir && (
          <>
            <dt>{t('tagDetails.workdir')}</dt>
            <dd className="mono">{d.workingDir}</dd>
          </>
        )}
        <dt>{t('tagDetails.ports')}</dt>
        <dd className="mono">{d.exposedPorts.join(', ') || '–'}</dd>
      </dl>
      {d.env.length > 0 && (
        <>
          <h3>{t('details.env')}</h3>
          <ul className="plain mono break">
            {d.env.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </>
      )}
      {Object.keys(d.labels).length > 0 && (
        <>
          <h3>{t('details.labels')}</h3>
          <ul className="plain mono break">
            {Object.entries(d.labels).map(([k, v]) => (
              <li key={k}>
                <span className="muted">{k}=</span>
                {v}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>
        {t('details.layers')} <span className="muted">({layers.length})</span>
      </h3>
      <ol className="layers" data-testid="detail-layers">
        {d.history.map((h, i) => (
          <li key={i} className={h.emptyLayer ? 'muted' : ''}>
            <span className="num">{h.emptyLayer ? '—' : formatBytes(h.size)}</span>
            <code className="break">{h.createdBy || t('details.noCommand')}</code>
          </li>
        ))}
      </ol>
    </aside>
  )
}
