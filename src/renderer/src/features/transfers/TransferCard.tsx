import { useEffect, useState } from 'react'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { formatBytes, formatDuration, formatRelative } from '../../lib/format'
import { toastError, toastSuccess } from '../../app/toasts'
import { LayerList } from './LayerList'
import { TransferError } from './TransferError'
import { usePush } from './pushStore'
import { isActive, percent, useTransfers } from './transfersStore'

const KIND = { push: 'Push', pull: 'Pull', load: 'Load', copy: 'Copy', export: 'Export', import: 'Import' } as const
const STATE = { queued: 'Starting', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled', interrupted: 'Interrupted' } as const

export function TransferCard({ t }: { t: TransferSnapshot }): React.JSX.Element {
  const expanded = useTransfers((s) => !!s.expanded[t.id])
  const { cancel, retry, dismiss, toggleLayers } = useTransfers.getState()
  const openPush = usePush((s) => s.open)
  const pct = percent(t)
  const active = isActive(t)
  // Podman sends no byte counts: a moving bar and the elapsed time, never "0 %" then a jump.
  const indeterminate = t.state === 'running' && !!t.indeterminate
  const elapsed = useElapsed(t.startedAt, indeterminate)
  const barClass = t.state === 'done' ? ' done' : t.state === 'failed' ? ' failed' : t.state === 'cancelled' || t.state === 'interrupted' ? ' cancelled' : ''
  const loadedTags = (t.images ?? []).filter((i) => !i.startsWith('sha256:'))

  return (
    <article className={`transfer state-${t.state}`} aria-label={`${KIND[t.kind]} ${t.reference}`} data-testid="transfer" data-kind={t.kind} data-state={t.state} data-started={t.startedAt}>
      <div className="transfer-head">
        <span className={`kind-badge kind-${t.kind}`}>{KIND[t.kind]}</span>
        <span className="transfer-ref mono" title={t.reference}>
          {t.reference}
        </span>
        {t.source && (
          <span className="transfer-source muted mono" title={`from ${t.source}`} data-testid="transfer-source">
            from {t.source}
          </span>
        )}
        <span className={`state-pill ${t.state}`} data-testid="transfer-state">
          {STATE[t.state]}
        </span>
        <span className="spacer" />
        {active && (
          <button className="button small" onClick={() => void cancel(t.id)}>
            Cancel
          </button>
        )}
        {(t.state === 'failed' || t.state === 'cancelled' || t.state === 'interrupted') && (
          <button className="button small primary" onClick={() => void retry(t.id)}>
            Retry
          </button>
        )}
        {!active && (
          <button className="icon-button" aria-label={`Dismiss ${KIND[t.kind].toLowerCase()} of ${t.reference}`} title="Remove from the list" onClick={() => void dismiss(t.id)}>
            ×
          </button>
        )}
      </div>

      {indeterminate ? (
        <div
          className="progress transfer-bar indeterminate"
          role="progressbar"
          aria-valuetext={`working for ${formatDuration(elapsed)}, ${t.bytesTotal ? `${formatBytes(t.bytesTotal)} known so far` : 'size not known yet'}`}
          aria-label={`${KIND[t.kind]} progress of ${t.reference}`}
          data-testid="transfer-indeterminate"
        >
          <div />
        </div>
      ) : (
        <div
          className={`progress transfer-bar${barClass}`}
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-valuetext={`${pct} %, ${formatBytes(t.bytesDone)} of ${t.bytesTotal ? formatBytes(t.bytesTotal) : 'unknown size'}`}
          aria-label={`${KIND[t.kind]} progress of ${t.reference}`}
        >
          <div style={{ width: `${pct}%` }} />
        </div>
      )}

      <div className="transfer-stats">
        {indeterminate ? (
          <>
            <span data-testid="transfer-elapsed">{formatDuration(elapsed)} so far</span>
            <span data-testid="transfer-bytes">{t.bytesTotal ? `${formatBytes(t.bytesTotal)} known so far` : 'size not known yet'}</span>
            <span className="muted">{layersDone(t)} · the engine reports no byte progress</span>
          </>
        ) : (
          <>
            <span className="num" data-testid="transfer-percent">
              {pct} %
            </span>
            <span data-testid="transfer-bytes">
              {formatBytes(t.bytesDone)} / {t.bytesTotal ? formatBytes(t.bytesTotal) : '…'}
            </span>
          </>
        )}
        {t.state === 'running' && !indeterminate && (
          <>
            <span data-testid="transfer-speed">{t.speed > 0 ? `${formatBytes(t.speed)}/s` : '– /s'}</span>
            <span data-testid="transfer-eta">{t.etaSeconds != null ? `${formatDuration(t.etaSeconds)} left` : 'estimating…'}</span>
          </>
        )}
        {t.endedAt && (
          <span className="muted" title={new Date(t.endedAt).toLocaleString()}>
            {STATE[t.state].toLowerCase()} {formatRelative(t.endedAt)} · took {t.endedAt - t.startedAt < 1000 ? 'under a second' : formatDuration((t.endedAt - t.startedAt) / 1000)}
          </span>
        )}
      </div>

      {t.message && <div className="transfer-message muted">{t.message}</div>}

      {t.digest && (
        <div className="transfer-digest">
          <span className="muted">Digest</span>
          <code className="break" data-testid="transfer-digest">
            {t.digest}
          </code>
          <button className="button small" onClick={() => copy(t.digest!)}>
            Copy
          </button>
        </div>
      )}

      {t.error && (t.state === 'failed' || t.state === 'interrupted') && <TransferError error={t.error} registry={t.registry} transferId={t.id} />}

      {t.kind === 'load' && t.state === 'done' && (
        <div className="loaded-images" data-testid="loaded-images">
          <span className="muted">Loaded:</span>
          {(t.images ?? []).map((img) => (
            <code key={img} className="chip-inline">
              {img}
            </code>
          ))}
          {loadedTags.length > 0 && (
            <button className="button small primary" onClick={() => openPush({ images: loadedTags.map((ref) => ({ id: ref, ref })) })}>
              Push {loadedTags.length > 1 ? 'them' : 'it'} to…
            </button>
          )}
        </div>
      )}

      {t.layers.length > 0 && (
        <button className="link-button" aria-expanded={expanded} onClick={() => toggleLayers(t.id)}>
          {expanded ? '▾' : '▸'} Layers ({t.layers.length}){layerSummary(t)}
        </button>
      )}
      {expanded && <LayerList layers={t.layers} kind={t.kind} />}
    </article>
  )
}

function layersDone(t: TransferSnapshot): string {
  const done = t.layers.filter((l) => ['pushed', 'exists', 'mounted', 'downloaded', 'done'].includes(l.phase)).length
  return t.layers.length ? `${done} of ${t.layers.length} layers done` : 'working'
}

/** Seconds since `since`, ticking once a second while `live` (the engine may stay silent for long). */
function useElapsed(since: number, live: boolean): number {
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    if (!live) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [live])
  return Math.max(0, (now - since) / 1000)
}

function layerSummary(t: TransferSnapshot): string {
  const retrying = t.layers.find((l) => /^Retrying/.test(l.label))
  if (retrying && t.state === 'running') return ` · ${retrying.label.toLowerCase()}`
  const exists = t.layers.filter((l) => l.phase === 'exists' || l.phase === 'mounted').length
  return exists ? ` · ${exists} already in the ${t.kind === 'push' || t.kind === 'copy' || t.kind === 'import' ? 'registry' : 'engine'}` : ''
}

function copy(text: string): void {
  navigator.clipboard.writeText(text).then(
    () => toastSuccess('Digest copied'),
    (e) => toastError(e)
  )
}
