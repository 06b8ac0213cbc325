import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { ConfirmDialog } from '../../components/Dialog'
import { formatBytes } from '../../lib/format'
import { useLocalRegistry } from './localRegistryStore'

/** Removing the container (data kept) and removing everything (behind a typed confirmation). */
export function DangerZone({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { busy, removeContainer, removeAll } = useLocalRegistry()
  const [pending, setPending] = useState<'container' | 'all'>()
  const [typed, setTyped] = useState('')
  const lost = [
    status.repositories !== undefined ? `${status.repositories} repositor${status.repositories === 1 ? 'y' : 'ies'}` : 'every repository',
    status.volumeSize !== undefined ? formatBytes(status.volumeSize) : undefined
  ].filter(Boolean)

  return (
    <section className="lr-card lr-danger" aria-label="Remove">
      <header className="lr-card-head">
        <h2>Remove</h2>
      </header>
      <div className="lr-inline">
        <button className="button" disabled={Boolean(busy) || status.state === 'absent'} onClick={() => setPending('container')}>
          Remove container (keep data)
        </button>
        <button className="button danger" disabled={Boolean(busy) || (status.state === 'absent' && !status.volumeExists)} onClick={() => (setTyped(''), setPending('all'))}>
          Remove registry and its data…
        </button>
      </div>

      {pending === 'container' && (
        <ConfirmDialog
          title="Remove the registry container?"
          confirmLabel="Remove container"
          busy={busy === 'remove'}
          onCancel={() => setPending(undefined)}
          onConfirm={() => void removeContainer().then(() => setPending(undefined))}
        >
          <p>
            The container <code>{status.containerName}</code> goes; the volume <code>{status.volumeName}</code> and every image in it stay. Start brings it all back.
          </p>
        </ConfirmDialog>
      )}
      {pending === 'all' && (
        <ConfirmDialog
          title="Remove the registry and its data?"
          confirmLabel="Delete everything"
          danger
          busy={busy === 'remove-all' || typed !== status.volumeName}
          onCancel={() => setPending(undefined)}
          onConfirm={() => {
            if (typed === status.volumeName) void removeAll(typed).then((ok) => ok && setPending(undefined))
          }}
        >
          <p>
            This deletes the container <code>{status.containerName}</code> and the volume <code>{status.volumeName}</code> with {lost.join(', ')} pushed to it. It
            cannot be undone.
          </p>
          <label className="field">
            <span>
              Type <code>{status.volumeName}</code> to confirm
            </span>
            <input type="text" aria-label="Volume name to confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
          </label>
        </ConfirmDialog>
      )}
    </section>
  )
}
