import type { BerthError } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { formatBytes, shortDigest } from '../../lib/format'
import { useCatalog } from './catalogStore'
import { useDeletes, type DeleteState } from './deleteStore'

/**
 * Deleting tags. The default removes only the names: the images and their other tags stay.
 * Deleting the image (every tag on it) is a second, explicit button that lists those tags.
 */
export function DeleteTagsDialog(): React.JSX.Element | null {
  const s = useDeletes()
  const managed = useCatalog((c) => c.managed === true)
  if (!s.step || !s.repository) return null
  if (s.step === 'failed' && s.error) return <FailedDialog error={s.error} managed={managed} s={s} />
  if (s.step === 'done' && s.result) return <DoneDialog s={s} />
  return s.targets.length === 1 ? <OneTagDialog s={s} /> : <ManyTagsDialog s={s} />
}

function OneTagDialog({ s }: { s: DeleteState }): React.JSX.Element {
  const target = s.targets[0]!
  const siblings = (s.shared ?? []).filter((t) => t !== target.tag)
  const busy = s.step !== 'confirm'
  return (
    <Dialog
      title={`Delete ${s.repository}:${target.tag}?`}
      onClose={s.close}
      onSubmit={() => !busy && void s.confirm('tag')}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={s.close}>
            Cancel
          </button>
          {siblings.length > 0 && (
            <button type="button" className="button danger" disabled={busy} onClick={() => void s.confirm('image')} data-testid="delete-image">
              Delete image ({siblings.length + 1} tags)
            </button>
          )}
          <button type="submit" className="button danger" disabled={busy} autoFocus>
            {s.step === 'deleting' ? 'Deleting…' : 'Delete tag'}
          </button>
        </>
      }
    >
      {s.step === 'checking' ? (
        <p className="muted">Checking which other tags point to the same image…</p>
      ) : siblings.length === 0 ? (
        <p>No other tag points to this image (manifest {shortDigest(target.digest)}): deleting the tag deletes the image too.</p>
      ) : (
        <>
          <p>
            <strong>Delete tag</strong> removes only the name <span className="mono">{target.tag}</span>. The image {shortDigest(target.digest)} stays, and so do its other tags.
          </p>
          <div className="warning-box" data-testid="shared-tags">
            <p>
              <strong>Delete image</strong> deletes the manifest and all {siblings.length + 1} tags pointing to it:
            </p>
            <ul className="chips">
              {[target.tag, ...siblings].map((t) => (
                <li key={t} className="chip mono">
                  {t}
                </li>
              ))}
            </ul>
          </div>
        </>
      )}
      <p className="muted">This cannot be undone; anyone pulling a deleted tag afterwards gets “not found”.</p>
    </Dialog>
  )
}

function ManyTagsDialog({ s }: { s: DeleteState }): React.JSX.Element {
  const n = s.targets.length
  const p = s.progress
  return (
    <Dialog
      title={`Delete ${n} tags of ${s.repository}?`}
      onClose={s.close}
      onSubmit={() => s.step === 'confirm' && void s.confirm('tag')}
      testId="delete-many-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={s.close}>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={s.step !== 'confirm'} autoFocus>
            {s.step === 'deleting' ? 'Deleting…' : `Delete ${n} tags`}
          </button>
        </>
      }
    >
      <p>Only these names go; images that other tags still use stay.</p>
      <ul className="chips" data-testid="delete-list">
        {s.targets.map((t) => (
          <li key={t.tag} className="chip mono">
            {t.tag}
          </li>
        ))}
      </ul>
      {s.step === 'deleting' && p && (
        <div data-testid="delete-progress">
          <div className="progress mini">
            <div style={{ width: `${(100 * p.done) / Math.max(1, p.total)}%` }} />
          </div>
          <p className="muted">
            {p.done} of {p.total} · {p.tag}
          </p>
        </div>
      )}
    </Dialog>
  )
}

function DoneDialog({ s }: { s: DeleteState }): React.JSX.Element {
  const r = s.result!
  const offerGc = r.managed && r.deleted.length > 0
  const gc = s.gcPreview
  return (
    <Dialog
      title={r.failed.length > 0 ? `Deleted ${r.deleted.length} of ${s.targets.length} tags` : 'Deleted'}
      onClose={s.close}
      testId={r.managed && r.deleted.length > 0 ? 'gc-dialog' : 'delete-done'}
      footer={
        <>
          <button type="button" className="button" onClick={s.close}>
            {r.managed ? 'Later' : 'Close'}
          </button>
          {offerGc && !gc && (
            <button type="button" className="button primary" onClick={() => void s.previewGarbage()} disabled={s.working === 'gc-preview'} data-testid="gc-check">
              {s.working === 'gc-preview' ? 'Checking…' : 'Collect garbage…'}
            </button>
          )}
          {offerGc && gc && gc.eligibleBlobs > 0 && (
            <button type="button" className="button primary" onClick={() => void s.collectGarbage()} disabled={s.working === 'gc'}>
              {s.working === 'gc' ? 'Collecting…' : 'Collect now'}
            </button>
          )}
        </>
      }
    >
      {r.failed.length > 0 && (
        <ul className="delete-failures" data-testid="delete-failures">
          {r.failed.map((f) => (
            <li key={f.tag}>
              <span className="mono">{f.tag}</span>: {f.message} {f.hint && <span className="muted">{f.hint}</span>}
            </li>
          ))}
        </ul>
      )}
      {offerGc && (
        <>
          <p>Berth’s registry keeps the deleted images’ layers on disk until garbage collection runs.</p>
          <p className="muted">Garbage collection stops the registry for a moment (pushes and pulls wait), deletes unreferenced layers and starts it again.</p>
        </>
      )}
      {offerGc && gc && (
        <div className="warning-box" data-testid="gc-preview">
          <p>
            {gc.eligibleBlobs === 0 ? (
              'Nothing to collect: every layer is still used by a tag.'
            ) : (
              <>
                Collecting would free about <strong>{formatBytes(gc.freeableBytes)}</strong> ({gc.eligibleBlobs} blobs).
              </>
            )}
          </p>
        </div>
      )}
    </Dialog>
  )
}

function FailedDialog({ error, managed, s }: { error: BerthError; managed: boolean; s: DeleteState }): React.JSX.Element {
  const disabled = error.code === 'DELETE_DISABLED'
  return (
    <Dialog
      title={disabled ? 'Deleting is turned off on this registry' : 'Could not delete'}
      onClose={s.close}
      testId="delete-failed"
      footer={
        <>
          <button type="button" className={`button ${disabled && managed ? '' : 'primary'}`} onClick={s.close}>
            Close
          </button>
          {disabled && managed && (
            <button type="button" className="button primary" onClick={() => void s.enableDeletes()} disabled={s.working === 'enabling'} data-testid="enable-deletes">
              {s.working === 'enabling' ? 'Turning deletes on…' : 'Turn deletes on'}
            </button>
          )}
        </>
      }
    >
      <p role="alert">{error.message}</p>
      {error.hint && <p className="muted">{error.hint}</p>}
      {disabled && managed && <p>Berth can re-create its registry container with deletes on. Every image in it stays.</p>}
      {disabled && !managed && (
        <>
          <p>Run the registry with deletes enabled, for example:</p>
          <pre className="snippet">{'docker run -d -p 5000:5000 \\\n  -e REGISTRY_STORAGE_DELETE_ENABLED=true \\\n  registry:2'}</pre>
          <p className="muted">or in its config.yml:</p>
          <pre className="snippet">{'storage:\n  delete:\n    enabled: true'}</pre>
        </>
      )}
      <p className="muted">Nothing was deleted.</p>
    </Dialog>
  )
}
