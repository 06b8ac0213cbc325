import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import { formatBytes, formatDuration } from '../../lib/format'
import { errorHint, errorText } from '../../lib/i18n'
import { isActive, percent, useTransfers } from './transfersStore'

/**
 * Pulls a tag into the local engine as a background transfer and shows its progress in place.
 * The transfers store holds the snapshot (and says "Pulled"); this only remembers which one.
 * App puts it into the registry browser's tag details (keyed by reference: another tag starts fresh).
 */
export function PullButton({ reference }: { reference: string }): React.JSX.Element {
  const { t } = useTranslation()
  const [id, setId] = useState<string>()
  const [starting, setStarting] = useState(false)
  const transfer = useTransfers((s) => (id ? s.byId[id] : undefined))

  const start = async (): Promise<void> => {
    setStarting(true)
    const first = await useTransfers.getState().pull(reference)
    if (first) setId(first.id)
    setStarting(false)
  }

  const running = transfer !== undefined && isActive(transfer)
  return (
    <>
      <button className="button primary" onClick={() => void start()} disabled={starting || running} data-testid="pull-button">
        {running ? t('pull.pulling') : transfer?.state === 'done' ? t('pull.again') : t('pull.pull')}
      </button>
      {/* Not a live region: its bytes change every tick; ProgressAnnouncer says the milestones. */}
      {transfer && (
        <div className="pull-progress" data-testid="pull-progress" data-state={transfer.state}>
          <div className={`progress ${transfer.state === 'done' ? 'done' : transfer.state === 'failed' ? 'failed' : transfer.state === 'running' && transfer.indeterminate ? 'indeterminate' : ''}`}>
            <div style={{ width: `${percent(transfer)}%` }} />
          </div>
          <span className="muted small-print">
            {transfer.state === 'done'
              ? transfer.digest
                ? t('pull.doneDigest', { digest: `${transfer.digest.slice(0, 19)}…` })
                : t('pull.done')
              : transfer.state === 'failed'
                ? t('pull.failed', { reason: transfer.error ? `${errorText(transfer.error)} ${errorHint(transfer.error) ?? ''}` : t('common.unknownError') })
                : transfer.state === 'cancelled'
                  ? t('pull.cancelled')
                  : transfer.indeterminate
                    ? t(transfer.bytesTotal ? 'pull.indeterminateKnown' : 'pull.indeterminate', { total: transfer.bytesTotal ? formatBytes(transfer.bytesTotal) : '' })
                    : [
                      t('progress.bytesOf', { done: formatBytes(transfer.bytesDone), total: transfer.bytesTotal ? formatBytes(transfer.bytesTotal) : '…' }),
                      transfer.speed ? t('progress.speed', { speed: formatBytes(transfer.speed) }) : '',
                      transfer.etaSeconds != null ? t('progress.left', { time: formatDuration(transfer.etaSeconds) }) : ''
                    ]
                      .filter(Boolean)
                      .join(' · ')}
          </span>
        </div>
      )}
    </>
  )
}
