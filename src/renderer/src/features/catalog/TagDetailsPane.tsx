import type { TagDetails, TagPlatform } from '@shared/contract/registryTypes'
import { toastError, toastSuccess } from '../../app/toasts'
import { formatBytes, formatExact, shortDigest } from '../../lib/format'
import { useCatalog } from './catalogStore'
import { useDeletes } from './deleteStore'
import { pullReference } from './registryRef'
import { useRepository } from './repositoryStore'
import { intents } from '../../app/intents'

/** What App puts next to "Copy docker pull": the transfers feature's Pull button. */
export type PullAction = (reference: string) => React.ReactNode

const platformName = (p: { os: string; architecture: string; variant?: string }): string => [p.os, p.architecture, p.variant].filter(Boolean).join('/') || 'unknown'

export function TagDetailsPane({ repository, tag, pullAction }: { repository: string; tag: string; pullAction?: PullAction }): React.JSX.Element {
  const { registryId, details, detailsError, detailsLoading, select } = useRepository()
  const askDelete = useDeletes((s) => s.ask)
  const address = useCatalog((s) => s.address)
  const reference = address ? pullReference(address, repository, tag) : undefined
  const d = details?.tag === tag && details.repository === repository ? details : undefined

  return (
    <aside className="details tag-details" aria-label="Tag details" data-testid="tag-details">
      <h2 className="tag-title mono break">
        {repository}:{tag}
      </h2>
      <div className="details-actions">
        <button className="button" disabled={!reference} onClick={() => reference && void copyPullCommand(reference)} data-testid="copy-pull">
          Copy docker pull
        </button>
        {reference && pullAction?.(reference)}
        {address && registryId && (
          <button className="button" onClick={() => intents.openCopy({ registryId, address, repository, tags: [tag] })} data-testid="copy-to">
            Copy to…
          </button>
        )}
        {registryId && (
          <button className="button" onClick={() => intents.exportArchive({ kind: 'registry', registryId, repository, tags: [tag] })} data-testid="export-tag" title="Write this tag, every platform, into an OCI archive file">
            Export…
          </button>
        )}
        <button className="button danger" disabled={!d} onClick={() => d && registryId && void askDelete(registryId, repository, [{ tag, digest: d.digest }])}>
          Delete…
        </button>
      </div>
      {reference && <pre className="snippet pull-snippet">docker pull {reference}</pre>}

      {detailsError ? (
        <div role="alert" className="tag-error">
          <p>{detailsError.message}</p>
          {detailsError.hint && <p className="muted">{detailsError.hint}</p>}
          <button className="button small" onClick={() => void select(tag)}>
            Try again
          </button>
        </div>
      ) : !d ? (
        <p className="muted">{detailsLoading ? 'Reading the manifest…' : ''}</p>
      ) : (
        <TagBody d={d} loading={detailsLoading} onPlatform={(p) => void select(tag, p)} />
      )}
    </aside>
  )
}

function TagBody({ d, loading, onPlatform }: { d: TagDetails; loading: boolean; onPlatform(p: string): void }): React.JSX.Element {
  const c = d.config
  return (
    <>
      <h3>Manifest</h3>
      <dl className="kv">
        <dt>Digest</dt>
        <dd className="mono break" data-testid="tag-digest">
          {d.digest}
        </dd>
        <dt>Media type</dt>
        <dd className="mono break">{d.mediaType}</dd>
        <dt>Size</dt>
        <dd title="Compressed: what a pull downloads, counting each layer once">{formatBytes(d.size)} compressed</dd>
        <dt>Kind</dt>
        <dd>{d.isIndex ? `Multi-platform index, ${d.platforms.length} platform${d.platforms.length === 1 ? '' : 's'}` : 'Single-platform image'}</dd>
      </dl>

      <h3>Platforms</h3>
      <table className="mini-table platforms-table" data-testid="platforms">
        <thead>
          <tr>
            <th>Platform</th>
            <th className="num">Size</th>
            <th>Created</th>
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
          Layers, config and history of <strong>{d.selectedPlatform}</strong>
          {loading ? ' (loading…)' : ''}. Pick another platform above to see its own.
        </p>
      )}

      <h3>Layers ({d.layers.length})</h3>
      {d.layers.length === 0 ? (
        <p className="muted">None listed.</p>
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

      <h3>Config</h3>
      {d.configError && <p className="error-text">{d.configError}</p>}
      {c && (
        <dl className="kv" data-testid="tag-config">
          <dt>Entrypoint</dt>
          <dd className="mono break">{c.entrypoint.length ? JSON.stringify(c.entrypoint) : '—'}</dd>
          <dt>Cmd</dt>
          <dd className="mono break">{c.cmd.length ? JSON.stringify(c.cmd) : '—'}</dd>
          <dt>Ports</dt>
          <dd className="mono">{c.exposedPorts.length ? c.exposedPorts.join(', ') : '—'}</dd>
          {c.workingDir && (
            <>
              <dt>Workdir</dt>
              <dd className="mono break">{c.workingDir}</dd>
            </>
          )}
          {c.user && (
            <>
              <dt>User</dt>
              <dd className="mono">{c.user}</dd>
            </>
          )}
          <dt>Env</dt>
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
          <dt>Labels</dt>
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

      <h3>History ({d.history.length})</h3>
      {d.history.length === 0 ? (
        <p className="muted">No history in the config.</p>
      ) : (
        <ol className="history" data-testid="history">
          {d.history.map((h, i) => (
            <li key={i} className={h.emptyLayer ? 'muted' : ''}>
              <code className="break">{h.createdBy || h.comment || '(no command)'}</code>
              <span className="muted small-print">
                {h.created ? formatExact(Date.parse(h.created)) : ''}
                {h.emptyLayer ? ' · no layer' : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  )
}

function PlatformRow({ p, selected, clickable, onPick }: { p: TagPlatform; selected: boolean; clickable: boolean; onPick(p: string): void }): React.JSX.Element {
  const name = platformName(p)
  return (
    <tr className={`${selected ? 'selected' : ''}${clickable ? ' clickable' : ''}`} onClick={() => clickable && !selected && onPick(name)} data-testid="platform-row" title={p.digest}>
      <td className="mono">{name}</td>
      {p.error ? (
        <td colSpan={2} className="error-text" role="note">
          Could not read this platform: {p.error}
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
    toastSuccess(`Copied: ${text}`)
  } catch {
    try {
      fallbackCopy(text)
      toastSuccess(`Copied: ${text}`)
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
  if (!ok) throw new Error('The browser refused to copy; select the command above and copy it by hand.')
}
