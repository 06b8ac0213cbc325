import { useTranslation } from 'react-i18next'
import { useEffect, useState } from 'react'
import { toBerthError, type BerthError } from '@shared/contract'
import { intents } from '../../app/intents'
import { toastSuccess } from '../../app/toasts'
import { Dialog } from '../../components/Dialog'
import { errorHint, errorText, i18n } from '../../lib/i18n'
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
  const { t } = useTranslation()
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
      toastSuccess(r.deleted.length === 1 ? i18n.t('delete.deletedOne', { reference: `${repository}:${r.deleted[0]}` }) : i18n.t('delete.deletedMany', { count: r.deleted.length, repository }))
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

  const others = (shared: string[]): string[] => shared.filter((s) => s !== tag)

  if (step.kind === 'deleted' || step.kind === 'collecting') {
    return (
      <Dialog
        title={t('delete.deletedTitle')}
        onClose={onClose}
        testId="gc-dialog"
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              {t('delete.later')}
            </button>
            <button type="button" className="button primary" onClick={() => void collect()} disabled={step.kind === 'collecting'}>
              {step.kind === 'collecting' ? t('gc.collecting') : t('delete.runGc')}
            </button>
          </>
        }
      >
        <p>{t('delete.layersKept')}</p>
        <p className="muted">{t('delete.gcExplain')}</p>
      </Dialog>
    )
  }

  if (step.kind === 'failed') {
    const disabled = step.error.code === 'DELETE_DISABLED'
    return (
      <Dialog
        title={disabled ? t('delete.disabledTitle') : t('delete.failedTitle')}
        onClose={onClose}
        testId="delete-failed"
        footer={
          <button type="button" className="button primary" onClick={onClose}>
            {t('common.close')}
          </button>
        }
      >
        <p role="alert">{errorText(step.error)}</p>
        {errorHint(step.error) && <p className="muted">{errorHint(step.error)}</p>}
        {disabled && (
          <>
            <p>{t('delete.enableExample')}</p>
            <pre className="snippet">{'docker run -d -p 5000:5000 \\\n  -e REGISTRY_STORAGE_DELETE_ENABLED=true \\\n  registry:2'}</pre>
            <p className="muted">{t('delete.orConfig')}</p>
            <pre className="snippet">{'storage:\n  delete:\n    enabled: true'}</pre>
          </>
        )}
        {step.error.code === 'CONFLICT' && <p className="muted">{t('delete.nothingDeleted')}</p>}
      </Dialog>
    )
  }

  const shared = step.kind === 'checking' ? undefined : step.shared
  const siblings = shared ? others(shared) : []
  const total = siblings.length + 1
  return (
    <Dialog
      title={t('delete.title', { reference: `${repository}:${tag}` })}
      onClose={onClose}
      onSubmit={() => shared && void remove(shared)}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button danger" disabled={!shared || step.kind === 'deleting'} autoFocus>
            {step.kind === 'deleting' ? t('delete.deleting') : t('delete.deleteTags', { count: total })}
          </button>
        </>
      }
    >
      {!shared ? (
        <p className="muted">{t('delete.checking')}</p>
      ) : siblings.length === 0 ? (
        <p>{t('delete.alone', { repository, digest: `${digest.slice(0, 19)}…` })}</p>
      ) : (
        <div className="warning-box" data-testid="shared-tags">
          <p>
            <strong>{t('delete.othersToo', { count: siblings.length })}</strong> {t('delete.whyOthers', { digest: `${digest.slice(0, 19)}…` })}
          </p>
          <ul className="chips">
            {siblings.map((sibling) => (
              <li key={sibling} className="chip mono">
                {sibling}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted">{t('delete.cannotUndo')}</p>
    </Dialog>
  )
}
