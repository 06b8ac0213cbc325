import type { EmptyRepositoriesResult } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { useEmptyRepos } from './emptyReposStore'

const plural = (n: number): string => `${n} empty ${n === 1 ? 'repository' : 'repositories'}`

/** Lists the empty repositories of Berth's registry, asks once, removes them and says what came of it. */
export function EmptyRepositoriesDialog(): React.JSX.Element | null {
  const s = useEmptyRepos()
  if (!s.step) return null
  const n = s.check?.repositories.length ?? 0
  const canRemove = s.step === 'confirm' && s.check?.canRemove === true && n > 0
  return (
    <Dialog
      title="Remove empty repositories"
      onClose={s.close}
      onSubmit={() => canRemove && void s.remove()}
      testId="empty-repos-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={s.close}>
            {s.step === 'done' ? 'Close' : 'Cancel'}
          </button>
          {(s.step === 'confirm' || s.step === 'removing') && s.check?.canRemove && n > 0 && (
            <button type="submit" className="button danger" disabled={!canRemove} autoFocus data-testid="empty-repos-remove">
              {s.step === 'removing' ? 'Removing…' : `Remove ${plural(n)}`}
            </button>
          )}
        </>
      }
    >
      {s.step === 'checking' && <p className="muted">Looking for repositories without tags or manifests…</p>}
      {(s.step === 'confirm' || s.step === 'removing') && s.check && <Confirm check={s.check} />}
      {s.step === 'done' && s.result && (
        <div data-testid="empty-repos-result">
          <p>
            Removed {plural(s.result.removed.length)}.
            {s.result.kept.length > 0 && ` Left alone, no longer empty: ${s.result.kept.join(', ')}.`}
          </p>
          <p className="muted">Their layers, if no other repository uses them, go at the next garbage collection.</p>
        </div>
      )}
      {s.step === 'failed' && s.error && (
        <div role="alert">
          <p>{s.error.message}</p>
          {s.error.hint && <p className="muted">{s.error.hint}</p>}
        </div>
      )}
    </Dialog>
  )
}

function Confirm({ check }: { check: EmptyRepositoriesResult }): React.JSX.Element {
  if (!check.canRemove && check.manual) {
    return (
      <div data-testid="empty-repos-manual">
        <p>
          The registry image <span className="mono">{check.manual.image}</span> has no shell (<span className="mono">/bin/sh</span>), so Berth cannot remove folders in
          its volume. The official <span className="mono">registry:2</span> image has one.
        </p>
        <p>By hand, for each repository without tags (NAME below), with an image that has a shell:</p>
        <pre className="snippet">{check.manual.commands}</pre>
      </div>
    )
  }
  return (
    <>
      {check.repositories.length === 0 ? (
        <p data-testid="empty-repos-none">No empty repositories: every repository has a tag or a manifest.</p>
      ) : (
        <>
          <p>
            These repositories have no tag and no manifest left; the registry keeps listing them until their folders leave its volume:
          </p>
          <ul className="chips" data-testid="empty-repos-list">
            {check.repositories.map((r) => (
              <li key={r} className="chip mono">
                {r}
              </li>
            ))}
          </ul>
          <p className="muted">
            Berth stops the registry for a moment (pushes and pulls wait), removes only these folders (each checked again first) and starts it again. Nothing else is
            touched.
          </p>
        </>
      )}
      {check.uploading.length > 0 && <p className="muted">Kept, an upload into them is under way: {check.uploading.join(', ')}</p>}
    </>
  )
}
