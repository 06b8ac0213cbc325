import { Trans, useTranslation } from 'react-i18next'
import type { EmptyRepositoriesResult } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { formatList } from '../../lib/format'
import { errorHint, errorText } from '../../lib/i18n'
import { useEmptyRepos } from './emptyReposStore'

/** Lists the empty repositories of Berth's registry, asks once, removes them and says what came of it. */
export function EmptyRepositoriesDialog(): React.JSX.Element | null {
  const { t } = useTranslation()
  const s = useEmptyRepos()
  if (!s.step) return null
  const n = s.check?.repositories.length ?? 0
  const canRemove = s.step === 'confirm' && s.check?.canRemove === true && n > 0
  const hint = s.error && errorHint(s.error)
  return (
    <Dialog
      title={t('emptyRepos.title')}
      onClose={s.close}
      onSubmit={() => canRemove && void s.remove()}
      testId="empty-repos-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={s.close}>
            {s.step === 'done' ? t('doctor.close') : t('common.cancel')}
          </button>
          {(s.step === 'confirm' || s.step === 'removing') && s.check?.canRemove && n > 0 && (
            <button type="submit" className="button danger" disabled={!canRemove} autoFocus data-testid="empty-repos-remove">
              {s.step === 'removing' ? t('emptyRepos.removing') : t('emptyRepos.remove', { count: n })}
            </button>
          )}
        </>
      }
    >
      {s.step === 'checking' && <p className="muted">{t('emptyRepos.checking')}</p>}
      {(s.step === 'confirm' || s.step === 'removing') && s.check && <Confirm check={s.check} />}
      {s.step === 'done' && s.result && (
        <div data-testid="empty-repos-result">
          <p>
            {t('emptyRepos.removed', { count: s.result.removed.length })}
            {s.result.kept.length > 0 && <> {t('emptyRepos.kept', { names: formatList(s.result.kept) })}</>}
          </p>
          <p className="muted">{t('emptyRepos.layersLater')}</p>
        </div>
      )}
      {s.step === 'failed' && s.error && (
        <div role="alert">
          <p>{errorText(s.error)}</p>
          {hint && <p className="muted">{hint}</p>}
        </div>
      )}
    </Dialog>
  )
}

function Confirm({ check }: { check: EmptyRepositoriesResult }): React.JSX.Element {
  const { t } = useTranslation()
  if (!check.canRemove && check.manual) {
    return (
      <div data-testid="empty-repos-manual">
        <p>
          <Trans i18nKey="emptyRepos.noShell" values={{ image: check.manual.image }} components={{ mono: <span className="mono" /> }} />
        </p>
        <p>{t('emptyRepos.byHand')}</p>
        <pre className="snippet" tabIndex={0} aria-label={t('emptyRepos.commands')}>
          {check.manual.commands}
        </pre>
      </div>
    )
  }
  return (
    <>
      {check.repositories.length === 0 ? (
        <p data-testid="empty-repos-none">{t('emptyRepos.none')}</p>
      ) : (
        <>
          <p>{t('emptyRepos.listed')}</p>
          <ul className="chips" data-testid="empty-repos-list">
            {check.repositories.map((r) => (
              <li key={r} className="chip mono">
                {r}
              </li>
            ))}
          </ul>
          <p className="muted">{t('emptyRepos.howRemoved')}</p>
        </>
      )}
      {check.uploading.length > 0 && <p className="muted">{t('emptyRepos.uploading', { names: formatList(check.uploading) })}</p>}
    </>
  )
}
