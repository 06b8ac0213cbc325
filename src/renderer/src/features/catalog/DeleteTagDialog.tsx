import { useEffect, useState } from 'react'
import { toBerthError, type BerthError } from '@shared/contract'
import { intents } from '../../app/intents'
import { toastSuccess } from '../../app/toasts'
import { Dialog } from '../../components/Dialog'
import { useCatalog } from './catalogStore'
import { useRepository } from './repositoryStore'

interface Props {
  repository: string
  tag: string
  digest: string
  onClose(): void
}

type Step =
  | { kind: 'checking' }
  | { kind: 'confirm'; shared: string[] }
  | { kind: 'deleting'; shared: string[] }
  | { kind: 'deleted'; deleted: string[]; managed: boolean }
  | { kind: 'collecting' }
  | { kind: 'failed'; error: BerthError }

/**
 * A registry deletes manifests, not tags: every tag with the same digest goes too. So the
 * dialog first lists those tags, and only then deletes.
 */
export function DeleteTagDialog({ repository, tag, digest, onClose }: Props): React.JSX.Element {
  const [step, setStep] = useState<Step>({ kind: 'checking' })

  useEffect(() => {
    let live = true
    useRepository
      .getState()
      .sharedTags(digest)
      .then(
        (shared) => live && setStep({ kind: 'confirm', shared }),
        (e: unknown) => live && setStep({ kind: 'failed', error: toBerthError(e) })
      )
    return () => {
      live = false
    }
  }, [repository, digest])

  const remove = async (shared: string[]): Promise<void> => {
    setStep({ kind: 'deleting', shared })
    try {
      const r = await useRepository.getState().deleteTag(tag, digest)
      useCatalog.getState().setCount(repository, useRepository.getState().tags.length)
      toastSuccess(`Deleted ${r.deleted.length === 1 ? `${repository}:${r.deleted[0]}` : `${r.deleted.length} tags of ${repository}`}`)
      if (r.managed) setStep({ kind: 'deleted', deleted: r.deleted, managed: r.managed })
      else onClose()
    } catch (e) {
      setStep({ kind: 'failed', error: toBerthError(e) })
    }
  }

  // The local registry feature runs it, so its page shows the same collection and result.
  const collect = async (): Promise<void> => {
    setStep({ kind: 'collecting' })
    await intents.collectGarbage()
    onClose()
  }

  const others = (shared: string[]): string[] => shared.filter((t) => t !== tag)

  if (step.kind === 'deleted' || step.kind === 'collecting') {
    return (
      <Dialog
        title="Tag deleted"
        onClose={onClose}
        testId="gc-dialog"
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              Later
            </button>
            <button type="button" className="button primary" onClick={() => void collect()} disabled={step.kind === 'collecting'}>
              {step.kind === 'collecting' ? 'Collecting…' : 'Run garbage collection'}
            </button>
          </>
        }
      >
        <p>The manifest is gone, but Berth’s registry keeps its layers on disk until garbage collection runs.</p>
        <p className="muted">Garbage collection stops the registry for a moment (pushes and pulls wait), deletes unreferenced layers and starts it again.</p>
      </Dialog>
    )
  }

  if (step.kind === 'failed') {
    const disabled = step.error.code === 'DELETE_DISABLED'
    return (
      <Dialog
        title={disabled ? 'Deleting is turned off on this registry' : 'Could not delete'}
        onClose={onClose}
        testId="delete-failed"
        footer={
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        }
      >
        <p role="alert">{step.error.message}</p>
        {step.error.hint && <p className="muted">{step.error.hint}</p>}
        {disabled && (
          <>
            <p>Run the registry with deletes enabled, for example:</p>
            <pre className="snippet">{'docker run -d -p 5000:5000 \\\n  -e REGISTRY_STORAGE_DELETE_ENABLED=true \\\n  registry:2'}</pre>
            <p className="muted">or in its config.yml:</p>
            <pre className="snippet">{'storage:\n  delete:\n    enabled: true'}</pre>
          </>
        )}
        {step.error.code === 'CONFLICT' && <p className="muted">Nothing was deleted.</p>}
      </Dialog>
    )
  }

  const shared = step.kind === 'checking' ? undefined : step.shared
  const siblings = shared ? others(shared) : []
  const total = siblings.length + 1
  return (
    <Dialog
      title={`Delete ${repository}:${tag}?`}
      onClose={onClose}
      onSubmit={() => shared && void remove(shared)}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={!shared || step.kind === 'deleting'} autoFocus>
            {step.kind === 'deleting' ? 'Deleting…' : total === 1 ? 'Delete tag' : `Delete ${total} tags`}
          </button>
        </>
      }
    >
      {!shared ? (
        <p className="muted">Checking which other tags point to the same image…</p>
      ) : siblings.length === 0 ? (
        <p>No other tag of {repository} points to this image. Deleting removes the manifest {digest.slice(0, 19)}… and this tag.</p>
      ) : (
        <div className="warning-box" data-testid="shared-tags">
          <p>
            <strong>
              {siblings.length} other tag{siblings.length === 1 ? '' : 's'} will be deleted too.
            </strong>{' '}
            A registry deletes the image (manifest {digest.slice(0, 19)}…), not a name, and these tags point to the same image:
          </p>
          <ul className="chips">
            {siblings.map((t) => (
              <li key={t} className="chip mono">
                {t}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">This cannot be undone; anyone pulling these tags afterwards gets “not found”.</p>
    </Dialog>
  )
}
