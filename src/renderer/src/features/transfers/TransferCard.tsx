import type { TFunction } from 'i18next'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { i18n, msgOr } from '../../lib/i18n'
import { formatBytes, formatDuration, formatExact, formatPercent, formatRelative } from '../../lib/format'
import { toastError, toastSuccess } from '../../app/toasts'
import { LayerList } from './LayerList'
import { layerText } from './layerText'
import { TransferError } from './TransferError'
import { usePush } from './pushStore'
import { isActive, percent, useTransfers } from './transfersStore'

function kindLabel(t: TFunction, kind: TransferSnapshot['kind']): string {
  return { push: t('transfers.kind.push'), pull: t('transfers.kind.pull'), load: t('transfers.kind.load'), copy: t('transfers.kind.copy'), export: t('transfers.kind.export'), import: t('transfers.kind.import') }[kind]
}

function stateLabel(t: TFunction, state: TransferSnapshot['state']): string {
  return { queued: t('transfers.state.queued'), running: t('transfers.state.running'), done: t('transfers.state.done'), failed: t('transfers.state.failed'), cancelled: t('transfers.state.cancelled'), interrupted: t('transfers.state.interrupted') }[state]
}

export function TransferCard({ t: tr }: { t: TransferSnapshot }): React.JSX.Element {
  const { t } = useTranslation()
  const kind = kindLabel(t, tr.kind)
  const expanded = useTransfers((s) => !!s.expanded[tr.id])
  const { cancel, retry, dismiss, toggleLayers } = useTransfers.getState()
  const openPush = usePush((s) => s.open)
  const pct = percent(tr)
  const active = isActive(tr)
  // Podman sends no byte counts: a moving bar and the elapsed time, never "0 %" then a jump.
  const indeterminate = tr.state === 'running' && !!tr.indeterminate
  const elapsed = useElapsed(tr.startedAt, indeterminate)
  const barClass = tr.state === 'done' ? ' done' : tr.state === 'failed' ? ' failed' : tr.state === 'cancelled' || tr.state === 'interrupted' ? ' cancelled' : ''
  const loadedTags = (tr.images ?? []).filter((i) => !i.startsWith('sha256:'))
  const knownSoFar = tr.bytesTotal ? t('transfers.knownSoFar', { size: formatBytes(tr.bytesTotal) }) : t('transfers.sizeNotKnown')

  return (
    <article className={`transfer state-${tr.state}`} aria-label={t('transfers.cardLabel', { kind, reference: tr.reference })} data-testid="transfer" data-kind={tr.kind} data-state={tr.state} data-started={tr.startedAt}>
      <div className="transfer-head">
        <span className={`kind-badge kind-${tr.kind}`}>{kind}</span>
        <span className="transfer-ref mono" title={tr.reference}>
          {tr.reference}
        </span>
        {tr.source && (
          <span className="transfer-source muted mono" title={t('transfers.fromSource', { source: tr.source })} data-testid="transfer-source">
            {t('transfers.fromSource', { source: tr.source })}
          </span>
        )}
        <span className={`state-pill ${tr.state}`} data-testid="transfer-state">
          {stateLabel(t, tr.state)}
        </span>
        <span className="spacer" />
        {active && (
          <button className="button small" onClick={() => void cancel(tr.id)}>
            {t('common.cancel')}
          </button>
        )}
        {(tr.state === 'failed' || tr.state === 'cancelled' || tr.state === 'interrupted') && (
          <button className="button small primary" onClick={() => void retry(tr.id)}>
            {t('transfers.retry')}
          </button>
        )}
        {!active && (
          <button className="icon-button" aria-label={t('transfers.dismiss', { kind: t(`kinds.${tr.kind}`), reference: tr.reference })} title={t('transfers.removeFromList')} onClick={() => void dismiss(tr.id)}>
            ×
          </button>
        )}
      </div>

      {indeterminate ? (
        <div
          className="progress transfer-bar indeterminate"
          role="progressbar"
          aria-valuetext={t('transfers.workingFor', { time: formatDuration(elapsed), known: knownSoFar })}
          aria-label={t('transfers.progressOf', { kind, reference: tr.reference })}
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
          aria-valuetext={t('transfers.valueText', { percent: formatPercent(pct / 100), done: formatBytes(tr.bytesDone), total: tr.bytesTotal ? formatBytes(tr.bytesTotal) : t('transfers.unknownSize') })}
          aria-label={t('transfers.progressOf', { kind, reference: tr.reference })}
        >
          <div style={{ width: `${pct}%` }} />
        </div>
      )}

      <div className="transfer-stats">
        {indeterminate ? (
          <>
            <span data-testid="transfer-elapsed">{t('transfers.soFar', { time: formatDuration(elapsed) })}</span>
            <span data-testid="transfer-bytes">{knownSoFar}</span>
            <span className="muted">{t('transfers.noByteProgress', { layers: layersDone(t, tr) })}</span>
          </>
        ) : (
          <>
            <span className="num" data-testid="transfer-percent">
              {formatPercent(pct / 100)}
            </span>
            <span data-testid="transfer-bytes">
              {formatBytes(tr.bytesDone)} / {tr.bytesTotal ? formatBytes(tr.bytesTotal) : '…'}
            </span>
          </>
        )}
        {tr.state === 'running' && !indeterminate && (
          <>
            <span data-testid="transfer-speed">{t('progress.speed', { speed: tr.speed > 0 ? formatBytes(tr.speed) : '–' })}</span>
            <span data-testid="transfer-eta">{tr.etaSeconds != null ? t('progress.left', { time: formatDuration(tr.etaSeconds) }) : t('transfers.estimating')}</span>
          </>
        )}
        {tr.endedAt && (
          <span className="muted" title={formatExact(tr.endedAt)}>
            {t('transfers.ended', { state: stateLabel(t, tr.state), when: formatRelative(tr.endedAt), took: tr.endedAt - tr.startedAt < 1000 ? t('transfers.underASecond') : formatDuration((tr.endedAt - tr.startedAt) / 1000) })}
          </span>
        )}
      </div>

      {tr.message && <div className="transfer-message muted">{msgOr(tr.messageMsg, tr.message)}</div>}

      {tr.digest && (
        <div className="transfer-digest">
          <span className="muted">{t('transfers.digest')}</span>
          <code className="break" data-testid="transfer-digest">
            {tr.digest}
          </code>
          <button className="button small" onClick={() => copy(tr.digest!)}>
            {t('common.copy')}
          </button>
        </div>
      )}

      {tr.error && (tr.state === 'failed' || tr.state === 'interrupted') && <TransferError error={tr.error} registry={tr.registry} transferId={tr.id} />}

      {tr.kind === 'load' && tr.state === 'done' && (
        <div className="loaded-images" data-testid="loaded-images">
          <span className="muted">{t('transfers.loaded')}</span>
          {(tr.images ?? []).map((img) => (
            <code key={img} className="chip-inline">
              {img}
            </code>
          ))}
          {loadedTags.length > 0 && (
            <button className="button small primary" onClick={() => openPush({ images: loadedTags.map((ref) => ({ id: ref, ref })) })}>
              {t('transfers.pushLoaded', { count: loadedTags.length })}
            </button>
          )}
        </div>
      )}

      {tr.layers.length > 0 && (
        <button className="link-button" aria-expanded={expanded} onClick={() => toggleLayers(tr.id)}>
          {expanded ? '▾' : '▸'} {t('transfers.layersCount', { count: tr.layers.length })}
          {layerSummary(t, tr)}
        </button>
      )}
      {expanded && <LayerList layers={tr.layers} kind={tr.kind} />}
    </article>
  )
}

function layersDone(t: TFunction, tr: TransferSnapshot): string {
  const done = tr.layers.filter((l) => ['pushed', 'exists', 'mounted', 'downloaded', 'done'].includes(l.phase)).length
  return tr.layers.length ? t('transfers.layersDone', { done, count: tr.layers.length }) : t('transfers.working')
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

function layerSummary(t: TFunction, tr: TransferSnapshot): string {
  const retrying = tr.layers.find((l) => /^Retrying/.test(l.label))
  if (retrying && tr.state === 'running') return ` · ${layerText(t, retrying)}`
  const exists = tr.layers.filter((l) => l.phase === 'exists' || l.phase === 'mounted').length
  if (!exists) return ''
  return ` · ${tr.kind === 'push' || tr.kind === 'copy' || tr.kind === 'import' ? t('transfers.alreadyInRegistry', { count: exists }) : t('transfers.alreadyInEngine', { count: exists })}`
}

function copy(text: string): void {
  navigator.clipboard.writeText(text).then(
    () => toastSuccess(i18n.t('transfers.digestCopied')),
    (e) => toastError(e)
  )
}
