import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { formatBytes } from '../../lib/format'
import { useLocalRegistry } from './localRegistryStore'

/** registry garbage-collect: deleted tags only give their space back after it. */
export function MaintenanceCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { busy, lastGc, garbageCollect } = useLocalRegistry()
  const [untagged, setUntagged] = useState(false)
  return (
    <section className="lr-card" aria-label="Garbage collection">
      <header className="lr-card-head">
        <h2>Garbage collection</h2>
      </header>
      <p className="muted">
        Deleting a tag frees no disk space by itself. Collecting stops the registry for a moment, removes the layers nothing refers to any more, and starts it
        again.
      </p>
      <div className="lr-inline">
        <label className="toggle">
          <input type="checkbox" checked={untagged} onChange={(e) => setUntagged(e.target.checked)} /> Also delete untagged manifests (
          <code>--delete-untagged</code>)
        </label>
        <button className="button" disabled={Boolean(busy) || status.state === 'absent'} onClick={() => void garbageCollect(untagged)}>
          {busy === 'gc' ? 'Collecting…' : 'Collect garbage'}
        </button>
      </div>
      {lastGc && (
        <div data-testid="gc-result">
          <p>
            Freed <strong>{formatBytes(lastGc.freedBytes)}</strong> ({formatBytes(lastGc.sizeBefore)} → {formatBytes(lastGc.sizeAfter)}).
          </p>
          {lastGc.output.length > 0 && (
            <details>
              <summary className="muted">Output</summary>
              <pre className="snippet lr-logs">{lastGc.output.join('\n')}</pre>
            </details>
          )}
        </div>
      )}
    </section>
  )
}
