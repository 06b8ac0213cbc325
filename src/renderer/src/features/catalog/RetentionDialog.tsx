import { useState } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { DEFAULT_KEEP_PATTERN, type RetentionRule } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { formatBytes, formatNumber } from '../../lib/format'
import { msgOr, tMsg } from '../../lib/i18n'
import { newRuleId, useRetention } from './retentionStore'
import { ErrorLines } from '../../components/ErrorPanel'

const ruleText = (t: TFunction, r: RetentionRule): string =>
  [
    r.keepLast !== undefined ? t('retention.rule.keepLast', { count: r.keepLast }) : '',
    r.olderThanDays !== undefined ? t('retention.rule.olderThan', { count: r.olderThanDays }) : '',
    r.keep ? t('retention.rule.keep', { pattern: r.keep }) : ''
  ]
    .filter(Boolean)
    .join(' · ')

/** Retention rules of a registry: saved rules, a new rule's form, the preview and Apply. */
export function RetentionDialog(): React.JSX.Element | null {
  const { t } = useTranslation()
  const s = useRetention()
  if (!s.registryId) return null
  return (
    <Dialog
      title={t('retention.title')}
      onClose={s.close}
      testId="retention-dialog"
      footer={
        <button type="button" className="button" onClick={s.close}>
          {t('doctor.close')}
        </button>
      }
    >
      {s.rules.length > 0 && (
        <ul className="retention-rules" data-testid="retention-rules">
          {s.rules.map((r) => (
            <li key={r.id} data-testid="retention-rule">
              <span className="mono">{r.repositories}</span> <span className="muted">{ruleText(t, r)}</span>
              <span className="spacer" />
              <button type="button" className="button small" disabled={!!s.busy} onClick={() => void s.previewRule(r)}>
                {t('retention.preview')}
              </button>
              <button type="button" className="button small danger" disabled={!!s.busy} onClick={() => void s.run(r)} title={t('retention.runNowTitle')}>
                {t('retention.runNow')}
              </button>
              <button type="button" className="button small" disabled={!!s.busy} onClick={() => void s.remove(r.id)} aria-label={t('retention.removeLabel', { repositories: r.repositories })}>
                {t('retention.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <RuleForm />
      {s.error && (
        <div role="alert" className="tag-error">
          <ErrorLines error={s.error} />
        </div>
      )}
      {s.busy === 'previewing' && <p className="muted">{t('retention.reading')}</p>}
      {s.busy === 'applying' && (
        <p className="muted" data-testid="retention-progress">
          {s.progress ? t('retention.deletingIn', { repository: s.progress.repository, done: formatNumber(s.progress.done), total: formatNumber(s.progress.total) }) : t('deleteTags.deleting')}
        </p>
      )}
      <PreviewPanel />
      {s.result && (
        <div data-testid="retention-result">
          <p>
            {t('retention.resultDeleted', { count: s.result.deleted.length })}
            {s.result.failed.length > 0 && ` ${t('retention.resultFailed', { count: s.result.failed.length })}`}
          </p>
          <ul className="delete-failures">
            {s.result.failed.map((f) => (
              <li key={`${f.repository}:${f.tag}`}>
                <span className="mono">
                  {f.repository}:{f.tag}
                </span>
                : {msgOr(f.msg, f.message)} {f.hint && <span className="muted">{msgOr(f.hintMsg, f.hint)}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  )
}

function RuleForm(): React.JSX.Element {
  const { t } = useTranslation()
  const s = useRetention()
  const [repositories, setRepositories] = useState('')
  const [keepLast, setKeepLast] = useState('10')
  const [olderThan, setOlderThan] = useState('')
  const [keep, setKeep] = useState(DEFAULT_KEEP_PATTERN)
  const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v))
  const rule = (): RetentionRule => ({ id: newRuleId(), repositories: repositories.trim(), keepLast: num(keepLast), olderThanDays: num(olderThan), keep })
  return (
    <fieldset className="retention-form" disabled={!!s.busy}>
      <legend>{t('retention.newRule')}</legend>
      <label>
        {t('sync.entries')}
        <input value={repositories} onChange={(e) => setRepositories(e.target.value)} placeholder={t('retention.repositoriesPlaceholder')} aria-label={t('sync.entries')} />
      </label>
      <label>
        {t('retention.keepNewestBefore')}
        <input type="number" min={0} value={keepLast} onChange={(e) => setKeepLast(e.target.value)} aria-label={t('retention.keepNewestLabel')} />
        {t('retention.keepNewestAfter')}
      </label>
      <label>
        {t('retention.olderThanBefore')}
        <input type="number" min={0} value={olderThan} onChange={(e) => setOlderThan(e.target.value)} aria-label={t('retention.olderThanLabel')} />
        {t('retention.olderThanAfter')}
      </label>
      <label>
        {t('retention.alwaysKeep')}
        <input className="mono" value={keep} onChange={(e) => setKeep(e.target.value)} aria-label={t('retention.alwaysKeep')} />
      </label>
      <div className="row-actions">
        <button type="button" className="button" onClick={() => void s.previewRule(rule())} data-testid="retention-preview-button">
          {t('retention.preview')}
        </button>
        <button type="button" className="button primary" onClick={() => void s.save(rule())}>
          {t('retention.saveRule')}
        </button>
      </div>
    </fieldset>
  )
}

function PreviewPanel(): React.JSX.Element | null {
  const { t } = useTranslation()
  const s = useRetention()
  const p = s.preview
  if (!p) return null
  return (
    <div className="retention-preview" data-testid="retention-preview">
      <p data-testid="retention-summary">
        {p.deleteCount === 0 ? t('retention.nothing') : t('retention.wouldGo', { count: p.deleteCount, size: formatBytes(p.freedBytes) })}
      </p>
      {p.repositories.map((r) => (
        <div key={r.repository} className="retention-repo">
          <h4 className="mono">
            {r.repository} <span className="muted">{t('retention.ofTags', { done: formatNumber(r.delete.length), total: formatNumber(r.tagCount) })}</span>
          </h4>
          {r.error && <p className="error-text">{msgOr(r.errorMsg, r.error)}</p>}
          {r.delete.length > 0 && (
            <ul className="chips">
              {r.delete.map((d) => (
                <li key={d.tag} className="chip mono" title={d.reasonMsgs ? d.reasonMsgs.map(tMsg).join(t('retention.whySeparator')) : d.reason} data-testid="retention-candidate">
                  {d.tag}
                </li>
              ))}
            </ul>
          )}
          {r.undated.length > 0 && <p className="muted">{t('retention.undated', { tags: r.undated.join(', ') })}</p>}
        </div>
      ))}
      {p.deleteCount > 0 && (
        <button type="button" className="button danger" disabled={!!s.busy} onClick={() => void s.apply()} data-testid="retention-apply">
          {t('deleteTags.deleteN', { count: p.deleteCount })}
        </button>
      )}
    </div>
  )
}
