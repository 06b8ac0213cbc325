import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { formatBytes } from '../../lib/format'
import { useEmptyRepos } from './emptyReposStore'
import { useLocalRegistry } from './localRegistryStore'

/** registry garbage-collect: deleted tags only give their space back after it. A dry run comes first. */
export function MaintenanceCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { busy, lastGc, gcPreview, garbageCollect, previewGc, dismissGcPreview } = useLocalRegistry()
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
        <button className="button" disabled={Boolean(busy) || status.state === 'absent'} onClick={() => void previewGc(untagged)} data-testid="gc-preview-button">
          {busy === 'gc-preview' ? 'Checking…' : busy === 'gc' ? 'Collecting…' : 'Collect garbage…'}
        </button>
      </div>
      <div className="lr-inline">
        <span className="muted">The registry keeps listing a repository after its last tag is deleted, until its folder leaves the volume.</span>
        <button className="button" disabled={Boolean(busy) || status.state === 'absent' || Boolean(status.activity)} onClick={() => void useEmptyRepos.getState().open()} data-testid="remove-empty-button">
          Remove empty repositories…
        </button>
      </div>
      {status.volumeSize !== undefined && (
        <p className="muted" data-testid="volume-size">
          The volume uses {formatBytes(status.volumeSize)} on the engine’s disk.
        </p>
      )}
      {gcPreview && (
        <div className="warning-box" data-testid="gc-preview">
          <p>
            {gcPreview.eligibleBlobs === 0 ? (
              'Nothing to collect: every layer is still used by a tag.'
            ) : (
              <>
                Collecting would free about <strong>{formatBytes(gcPreview.freeableBytes)}</strong> ({gcPreview.eligibleBlobs} blobs). The registry stops for a moment and starts again.
              </>
            )}
          </p>
          {gcPreview.protectedManifests > 0 && (
            <p className="muted">
              {gcPreview.protectedManifests} platform manifest{gcPreview.protectedManifests === 1 ? '' : 's'} of tagged multi-arch images would be lost with --delete-untagged (a registry bug): Berth collects without it, so they are kept.
            </p>
          )}
          <div className="lr-inline">
            <button className="button" onClick={dismissGcPreview}>
              Cancel
            </button>
            {gcPreview.eligibleBlobs > 0 && (
              <button className="button primary" disabled={Boolean(busy)} onClick={() => void garbageCollect(gcPreview.deleteUntagged)}>
                Collect now
              </button>
            )}
          </div>
        </div>
      )}
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
