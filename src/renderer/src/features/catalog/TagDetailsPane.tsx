import { Trans, useTranslation } from 'react-i18next'
import type { TagDetails, TagPlatform } from '@shared/contract/registryTypes'
import { toastError, toastSuccess } from '../../app/toasts'
import { i18n, tMsg } from '../../lib/i18n'
import { formatBytes, formatExact, shortDigest } from '../../lib/format'
import { useCatalog } from './catalogStore'
import { useDeletes } from './deleteStore'
import { pullReference } from './registryRef'
import { useRepository } from './repositoryStore'
import { intents } from '../../app/intents'
import { ErrorLines } from '../../components/ErrorPanel'

/** What App puts next to "Copy docker pull": the transfers feature's Pull button. */
export type PullAction = (reference: string) => React.ReactNode

const platformName = (p: { os: string; architecture: string; variant?: string }): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/') || '?'

export function TagDetailsPane({ repository, tag, pullAction }: { repository: string; tag: string; pullAction?: PullAction }): React.JSX.Element {
  const { t } = useTranslation()
  const { registryId, details, detailsError, detailsLoading, select } = useRepository()
  const askDelete = useDeletes((s) => s.ask)
  const address = useCatalog((s) => s.address)
  const reference = address ? pullReference(address, repository, tag) : undefined
  const d = details?.tag === tag && details.repository === repository ? details : undefined

  return (
    <aside className="details tag-details" aria-label={t('tagDetails.label')} data-testid="tag-details">
      <h2 className="tag-title mono break">
        {repository}:{tag}
      </h2>
      <div className="details-actions">
        <button className="button" disabled={!reference} onClick={() => reference && void copyPullCommand(reference)} data-testid="copy-pull">
          {t('tagDetails.copyPull')}
        </button>
        {reference && pullAction?.(reference)}
        {address && registryId && (
          <button className="button" onClick={() => intents.openCopy({ registryId, address, repository, tags: [tag] })} data-testid="copy-to">
            {t('tagDetails.copyTo')}
          </button>
        )}
        {registryId && (
          <button className="button" onClick={() => intents.exportArchive({ kind: 'registry', registryId, repository, tags: [tag] })} data-testid="export-tag" title={t('tagDetails.exportTitle')}>
            {t('tagDetails.export')}
          </button>
        )}
        <button className="button danger" disabled={!d} onClick={() => d && registryId && void askDelete(registryId, repository, [{ tag, digest: d.digest }])}>
          {t('tagDetails.delete')}
        </button>
      </div>
      {reference && <pre className="snippet pull-snippet">docker pull {reference}</pre>}

      {detailsError ? (
        <div role="alert" className="tag-error">
          <ErrorLines error={detailsError} />
          <button className="button small" onClick={() => void select(tag)}>
            {t('common.tryAgain')}
          </button>
        </div>
      ) : !d ? (
        <p className="muted">{detailsLoading ? t('tagDetails.reading') : ''}</p>
      ) : (
        <TagBody d={d} loading={detailsLoading} onPlatform={(p) => void select(tag, p)} />
      )}
    </aside>
  )
}

function TagBody({ d, loading, onPlatform }: { d: TagDetails; loading: boolean; onPlatform(p: string): void }): React.JSX.Element {
  const { t } = useTranslation()
  const c = d.config
  return (
    <>
      <h3>{t('tagDetails.manifest')}</h3>
      <dl className="kv">
        <dt>{t('transfers.digest')}</dt>
        <dd className="mono break" data-testid="tag-digest">
          {d.digest}
        </dd>
        <dt>{t('tagDetails.mediaType')}</dt>
        <dd className="mono break">{d.mediaType}</dd>
        <dt>{t('images.col.size')}</dt>
        <dd title={t('tagDetails.compressedHint')}>{t('tagDetails.compressed', { size: formatBytes(d.size) })}</dd>
        <dt>{t('tagDetails.kind')}</dt>
        <dd>{d.isIndex ? t('tagDetails.index', { count: d.platforms.length }) : t('tagDetails.single')}</dd>
      </dl>

      <h3>{t('tagDetails.platforms')}</h3>
      <table className="mini-table platforms-table" data-testid="platforms">
        <thead>
          <tr>
            <th>{t('details.platform')}</th>
            <th className="num">{t('images.col.size')}</th>
            <th>{t('images.col.created')}</th>
          </tr>
        </thead>
        <tbody>
          {d.platforms.map((p) => (
            <PlatformRow key={p.digest + platformName(p)} p={p} selected={platformName(p) === d.selectedPlatform} clickable={d.isIndex && !p.error} onPick={onPlatform} />
          ))}
        </tbody>
      </table>

      {d.isIndex && d.selectedPlatform && (
        <p className="muted small-print">
          <Trans i18nKey={loading ? 'tagDetails.ofPlatformLoading' : 'tagDetails.ofPlatform'} values={{ platform: d.selectedPlatform }} components={{ strong: <strong /> }} />
        </p>
      )}

      <h3>{t('transfers.layersCount', { count: d.layers.length })}</h3>
      {d.layers.length === 0 ? (
        <p className="muted">{t('tagDetails.noneListed')}</p>
      ) : (
        <ol className="layers" data-testid="layers">
          {d.layers.map((l, i) => (
            <li key={`${l.digest}-${i}`}>
              <span className="num">{formatBytes(l.size)}</span>
              <code title={`${l.digest}\n${l.mediaType}`}>{shortDigest(l.digest)}</code>
            </li>
          ))}
        </ol>
      )}

      <h3>{t('details.config')}</h3>
      {d.configError && <p className="error-text">{d.configError}</p>}
      {c && (
        <dl className="kv" data-testid="tag-config">
          <dt>{t('details.entrypoint')}</dt>
          <dd className="mono break">{c.entrypoint.length ? JSON.stringify(c.entrypoint) : '—'}</dd>
          <dt>{t('details.cmd')}</dt>
          <dd className="mono break">{c.cmd.length ? JSON.stringify(c.cmd) : '—'}</dd>
          <dt>{t('tagDetails.ports')}</dt>
          <dd className="mono">{c.exposedPorts.length ? c.exposedPorts.join(', ') : '—'}</dd>
          {c.workingDir && (
            <>
              <dt>{t('tagDetails.workdir')}</dt>
              <dd className="mono break">{c.workingDir}</dd>
            </>
          )}
          {c.user && (
            <>
              <dt>{t('tagDetails.user')}</dt>
              <dd className="mono">{c.user}</dd>
            </>
          )}
          <dt>{t('details.env')}</dt>
          <dd>
            {c.env.length ? (
              <ul className="plain mono break">
                {c.env.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
          <dt>{t('details.labels')}</dt>
          <dd>
            {Object.keys(c.labels).length ? (
              <ul className="plain mono break">
                {Object.entries(c.labels).map(([k, v]) => (
                  <li key={k}>
                    {k}=<span className="muted">{v}</span>
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
        </dl>
      )}

      <h3>{t('tagDetails.history', { count: d.history.length })}</h3>
      {d.history.length === 0 ? (
        <p className="muted">{t('tagDetails.noHistory')}</p>
      ) : (
        <ol className="history" data-testid="history">
          {d.history.map((h, i) => (
            <li key={i} className={h.emptyLayer ? 'muted' : ''}>
              <code className="break">{h.createdBy || h.comment || t('details.noCommand')}</code>
              <span className="muted small-print">
                {h.created ? formatExact(Date.parse(h.created)) : ''}
                {h.emptyLayer ? ` · ${t('tagDetails.noLayer')}` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

function PlatformRow({ p, selected, clickable, onPick }: { p: TagPlatform; selected: boolean; clickable: boolean; onPick(p: string): void }): React.JSX.Element {
  const { t } = useTranslation()
  const name = platformName(p)
  return (
    <tr className={`${selected ? 'selected' : ''}${clickable ? ' clickable' : ''}`} onClick={() => clickable && !selected && onPick(name)} data-testid="platform-row" title={p.digest}>
      <td className="mono">{name}</td>
      {p.error ? (
        <td colSpan={2} className="error-text" role="note">
          {t('tagDetails.platformError', { reason: p.errorMsg ? tMsg(p.errorMsg) : p.error })}
        </td>
      ) : (
        <>
          <td className="num">{formatBytes(p.size)}</td>
          <td>{p.created ? formatExact(Date.parse(p.created)) : '—'}</td>
        </>
      )}
    </tr>
  )
}

async function copyPullCommand(reference: string): Promise<void> {
  const text = `docker pull ${reference}`
  try {
    if (navigator.clipboard?.writeText) await navigator.clipboard.writeText(text)
    else fallbackCopy(text)
    toastSuccess(i18n.t('common.copied', { text }))
  } catch {
    try {
      fallbackCopy(text)
      toastSuccess(i18n.t('common.copied', { text }))
    } catch (e) {
      toastError(e)
    }
  }
}

/** For contexts without the async clipboard API (it needs a secure context and focus). */
function fallbackCopy(text: string): void {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  const ok = document.execCommand('copy')
  area.remove()
  if (!ok) throw new Error(i18n.t('tagDetails.copyRefused'))
}
