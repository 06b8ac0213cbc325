import { useCallback, useEffect, useRef, useState } from 'react'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { api } from '../../lib/api'
import { formatBytes, formatDuration } from '../../lib/format'
import { toastError, toastSuccess } from '../toasts/toastStore'

/** Pulls the tag into the local engine as a background transfer and shows its progress here (keyed by reference: another tag starts fresh). */
export function PullButton({ reference }: { reference: string }): React.JSX.Element {
  const [transfer, setTransfer] = useState<TransferSnapshot>()
  const [starting, setStarting] = useState(false)
  const current = useRef<string | undefined>(undefined)
  const toasted = useRef<string | undefined>(undefined)
  const show = useCallback((t: TransferSnapshot): void => {
    setTransfer(t)
    if (t.state === 'done' && toasted.current !== t.id) {
      toasted.current = t.id
      toastSuccess(`Pulled ${t.reference}`)
    }
  }, [])
  // Updates that arrive before transfers.pull has answered (a small image pulls fast).
  const early = useRef(new Map<string, TransferSnapshot>())

  useEffect(
    () =>
      api.on('transfers.update', (t) => {
        if (t.id === current.current) show(t)
        else if (!current.current) early.current.set(t.id, t)
      }),
    [show]
  )

  const start = async (): Promise<void> => {
    setStarting(true)
    early.current.clear()
    current.current = undefined
    try {
      const first = await api.call('transfers.pull', { reference })
      current.current = first.id
      show(early.current.get(first.id) ?? first)
      early.current.clear()
    } catch (e) {
      toastError(e)
    } finally {
      setStarting(false)
    }
  }

  const running = transfer?.state === 'running' || transfer?.state === 'queued'
  const pct = transfer && transfer.bytesTotal > 0 ? Math.min(100, (transfer.bytesDone / transfer.bytesTotal) * 100) : transfer?.state === 'done' ? 100 : 0
  return (
    <>
      <button className="button primary" onClick={() => void start()} disabled={starting || running} data-testid="pull-button">
        {running ? 'Pulling…' : transfer?.state === 'done' ? 'Pull again' : 'Pull'}
      </button>
      {transfer && (
        <div className="pull-progress" data-testid="pull-progress" data-state={transfer.state} aria-live="polite">
          <div className={`progress ${transfer.state === 'done' ? 'done' : transfer.state === 'failed' ? 'failed' : ''}`}>
            <div style={{ width: `${pct}%` }} />
          </div>
          <span className="muted small-print">
            {transfer.state === 'done'
              ? `Pulled${transfer.digest ? ` (${transfer.digest.slice(0, 19)}…)` : ''}: it is in your local images now.`
              : transfer.state === 'failed'
                ? `Pull failed: ${transfer.error?.message ?? 'unknown error'} ${transfer.error?.hint ?? ''}`
                : transfer.state === 'cancelled'
                  ? 'Pull cancelled.'
                  : `${formatBytes(transfer.bytesDone)} of ${transfer.bytesTotal ? formatBytes(transfer.bytesTotal) : '…'}${transfer.speed ? ` · ${formatBytes(transfer.speed)}/s` : ''}${transfer.etaSeconds != null ? ` · ${formatDuration(transfer.etaSeconds)} left` : ''}`}
          </span>
        </div>
      )}
    </>
  )
}
