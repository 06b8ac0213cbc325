import { useState } from 'react'
import { formatBytes, formatDuration } from '../../lib/format'
import { isActive, percent, useTransfers } from './transfersStore'

/**
 * Pulls a tag into the local engine as a background transfer and shows its progress in place.
 * The transfers store holds the snapshot (and says "Pulled"); this only remembers which one.
 * App puts it into the registry browser's tag details (keyed by reference: another tag starts fresh).
 */
export function PullButton({ reference }: { reference: string }): React.JSX.Element {
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
        {running ? 'Pulling…' : transfer?.state === 'done' ? 'Pull again' : 'Pull'}
      </button>
      {transfer && (
        <div className="pull-progress" data-testid="pull-progress" data-state={transfer.state} aria-live="polite">
          <div className={`progress ${transfer.state === 'done' ? 'done' : transfer.state === 'failed' ? 'failed' : transfer.state === 'running' && transfer.indeterminate ? 'indeterminate' : ''}`}>
            <div style={{ width: `${percent(transfer)}%` }} />
          </div>
          <span className="muted small-print">
            {transfer.state === 'done'
              ? `Pulled${transfer.digest ? ` (${transfer.digest.slice(0, 19)}…)` : ''}: it is in your local images now.`
              : transfer.state === 'failed'
                ? `Pull failed: ${transfer.error?.message ?? 'unknown error'} ${transfer.error?.hint ?? ''}`
                : transfer.state === 'cancelled'
                  ? 'Pull cancelled.'
                  : transfer.indeterminate
                    ? `Pulling; the engine reports no byte progress${transfer.bytesTotal ? ` (${formatBytes(transfer.bytesTotal)} known so far)` : ''}.`
                    : `${formatBytes(transfer.bytesDone)} of ${transfer.bytesTotal ? formatBytes(transfer.bytesTotal) : '…'}${transfer.speed ? ` · ${formatBytes(transfer.speed)}/s` : ''}${transfer.etaSeconds != null ? ` · ${formatDuration(transfer.etaSeconds)} left` : ''}`}
          </span>
        </div>
      )}
    </>
  )
}
