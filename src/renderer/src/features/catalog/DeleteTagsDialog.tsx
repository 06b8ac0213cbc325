import { Trans, useTranslation } from 'react-i18next'
import type { BerthError } from '@shared/contract'
import { DialogActions } from '../../components/DialogActions'
import { Dialog } from '../../components/Dialog'
import { GcWouldFree } from '../../components/GcWouldFree'
import { formatNumber, shortDigest } from '../../lib/format'
import { errorHint, errorText, msgOr } from '../../lib/i18n'
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
  const { t } = useTranslation()
  const target = s.targets[0]!
  const siblings = (s.shared ?? []).filter((t) => t !== target.tag)
  const busy = s.step !== 'confirm'
  return (
    <Dialog
      title={t('deleteTags.titleOne', { reference: `${s.repository}:${target.tag}` })}
      onClose={s.close}
      onSubmit={() => !busy && void s.confirm('tag')}
      testId="delete-dialog"
      footer={
        <DialogActions onCancel={s.close} submitLabel={s.step === 'deleting' ? t('deleteTags.deleting') : t('deleteTags.deleteTag')} disabled={busy} danger autoFocus>
          {siblings.length > 0 && (
            <button type="button" className="button danger" disabled={busy} onClick={() => void s.confirm('image')} data-testid="delete-image">
              {t('deleteTags.deleteImage', { count: siblings.length + 1 })}
            </button>
          )}
        </DialogActions>
      }
    >
      {s.step === 'checking' ? (
        <p className="muted">{t('deleteTags.checking')}</p>
      ) : siblings.length === 0 ? (
        <p>{t('deleteTags.onlyTag', { digest: shortDigest(target.digest) })}</p>
      ) : (
        <>
          <p>
            <Trans i18nKey="deleteTags.tagOnlyExplain" values={{ tag: target.tag, digest: shortDigest(target.digest) }} components={{ strong: <strong />, mono: <span className="mono" /> }} />
          </p>
          <div className="warning-box" data-testid="shared-tags">
            <p>
              <Trans i18nKey="deleteTags.imageExplain" count={siblings.length + 1} components={{ strong: <strong /> }} />
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
      <p className="muted">{t('deleteTags.cannotUndo')}</p>
    </Dialog>
  )
}

function ManyTagsDialog({ s }: { s: DeleteState }): React.JSX.Element {
  const { t } = useTranslation()
  const n = s.targets.length
  const p = s.progress
  return (
    <Dialog
      title={t('deleteTags.titleMany', { count: n, repository: s.repository })}
      onClose={s.close}
      onSubmit={() => s.step === 'confirm' && void s.confirm('tag')}
      testId="delete-many-dialog"
      footer={
        <DialogActions onCancel={s.close} submitLabel={s.step === 'deleting' ? t('deleteTags.deleting') : t('deleteTags.deleteN', { count: n })} disabled={s.step !== 'confirm'} danger autoFocus />
      }
    >
      <p>{t('deleteTags.onlyNames')}</p>
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
            {t('deleteTags.progress', { done: formatNumber(p.done), total: formatNumber(p.total), tag: p.tag })}
          </p>
        </div>
      )}
    </Dialog>
  )
}

function DoneDialog({ s }: { s: DeleteState }): React.JSX.Element {
  const { t } = useTranslation()
  const r = s.result!
  const offerGc = r.managed && r.deleted.length > 0
  const gc = s.gcPreview
  return (
    <Dialog
      title={r.failed.length > 0 ? t('deleteTags.deletedSome', { count: s.targets.length, done: r.deleted.length }) : t('deleteTags.deleted')}
      onClose={s.close}
      testId={r.managed && r.deleted.length > 0 ? 'gc-dialog' : 'delete-done'}
      footer={
        <>
          <button type="button" className="button" onClick={s.close}>
            {r.managed ? t('deleteTags.later') : t('doctor.close')}
          </button>
          {offerGc && !gc && (
            <button type="button" className="button primary" onClick={() => void s.previewGarbage()} disabled={s.working === 'gc-preview'} data-testid="gc-check">
              {s.working === 'gc-preview' ? t('gc.checking') : t('gc.collect')}
            </button>
          )}
          {offerGc && gc && gc.eligibleBlobs > 0 && (
            <button type="button" className="button primary" onClick={() => void s.collectGarbage()} disabled={s.working === 'gc'}>
              {s.working === 'gc' ? t('deleteTags.collecting') : t('gc.collectNow')}
            </button>
          )}
        </>
      }
    >
      {r.failed.length > 0 && (
        <ul className="delete-failures" data-testid="delete-failures">
          {r.failed.map((f) => (
            <li key={f.tag}>
              <span className="mono">{f.tag}</span>: {msgOr(f.msg, f.message)} {f.hint && <span className="muted">{msgOr(f.hintMsg, f.hint)}</span>}
            </li>
          ))}
        </ul>
      )}
      {offerGc && (
        <>
          <p>{t('deleteTags.gcExplain')}</p>
          <p className="muted">{t('deleteTags.gcStops')}</p>
        </>
      )}
      {offerGc && gc && (
        <div className="warning-box" data-testid="gc-preview">
          <p>
            <GcWouldFree preview={gc} />
          </p>
        </div>
      )}
    </Dialog>
  )
}

function FailedDialog({ error, managed, s }: { error: BerthError; managed: boolean; s: DeleteState }): React.JSX.Element {
  const { t } = useTranslation()
  const disabled = error.code === 'DELETE_DISABLED'
  return (
    <Dialog
      title={disabled ? t('deleteTags.disabledTitle') : t('deleteTags.failedTitle')}
      onClose={s.close}
      testId="delete-failed"
      footer={
        <>
          <button type="button" className={`button ${disabled && managed ? '' : 'primary'}`} onClick={s.close}>
            {t('doctor.close')}
          </button>
          {disabled && managed && (
            <button type="button" className="button primary" onClick={() => void s.enableDeletes()} disabled={s.working === 'enabling'} data-testid="enable-deletes">
              {s.working === 'enabling' ? t('deleteTags.enabling') : t('deleteTags.enable')}
            </button>
          )}
        </>
      }
    >
      <p role="alert">{errorText(error)}</p>
      {errorHint(error) && <p className="muted">{errorHint(error)}</p>}
      {disabled && managed && <p>{t('deleteTags.recreate')}</p>}
      {disabled && !managed && (
        <>
          <p>{t('deleteTags.runWithDeletes')}</p>
          <pre className="snippet">{'docker run -d -p 5000:5000 \\\n  -e REGISTRY_STORAGE_DELETE_ENABLED=true \\\n  registry:2'}</pre>
          <p className="muted">{t('deleteTags.orConfig')}</p>
          <pre className="snippet">{'storage:\n  delete:\n    enabled: true'}</pre>
        </>
      )}
      <p className="muted">{t('deleteTags.nothingDeleted')}</p>
    </Dialog>
  )
}
