import { useState } from 'react'
import { DEFAULT_KEEP_PATTERN, type RetentionRule } from '@shared/contract'
import { Dialog } from '../../components/Dialog'
import { formatBytes } from '../../lib/format'
import { newRuleId, useRetention } from './retentionStore'

const ruleText = (r: RetentionRule): string =>
  [r.keepLast !== undefined ? `keep the newest ${r.keepLast}` : '', r.olderThanDays !== undefined ? `delete after ${r.olderThanDays} days` : '', r.keep ? `always keep /${r.keep}/` : ''].filter(Boolean).join(' · ')

/** Retention rules of a registry: saved rules, a new rule's form, the preview and Apply. */
export function RetentionDialog(): React.JSX.Element | null {
  const s = useRetention()
  if (!s.registryId) return null
  return (
    <Dialog
      title="Retention rules"
      onClose={s.close}
      testId="retention-dialog"
      footer={
        <button type="button" className="button" onClick={s.close}>
          Close
        </button>
      }
    >
      {s.rules.length > 0 && (
        <ul className="retention-rules" data-testid="retention-rules">
          {s.rules.map((r) => (
            <li key={r.id} data-testid="retention-rule">
              <span className="mono">{r.repositories}</span> <span className="muted">{ruleText(r)}</span>
              <span className="spacer" />
              <button type="button" className="button small" disabled={!!s.busy} onClick={() => void s.previewRule(r)}>
                Preview
              </button>
              <button type="button" className="button small danger" disabled={!!s.busy} onClick={() => void s.run(r)} title="Delete what the rule selects now">
                Run now
              </button>
              <button type="button" className="button small" disabled={!!s.busy} onClick={() => void s.remove(r.id)} aria-label={`Remove the rule for ${r.repositories}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <RuleForm />
      {s.error && (
        <div role="alert" className="tag-error">
          <p>{s.error.message}</p>
          {s.error.hint && <p className="muted">{s.error.hint}</p>}
        </div>
      )}
      {s.busy === 'previewing' && <p className="muted">Reading tags and their dates…</p>}
      {s.busy === 'applying' && (
        <p className="muted" data-testid="retention-progress">
          Deleting{s.progress ? ` in ${s.progress.repository}: ${s.progress.done} of ${s.progress.total}` : '…'}
        </p>
      )}
      <PreviewPanel />
      {s.result && (
        <div data-testid="retention-result">
          <p>
            Deleted {s.result.deleted.length} tag{s.result.deleted.length === 1 ? '' : 's'}.{s.result.failed.length > 0 && ` ${s.result.failed.length} could not be deleted:`}
          </p>
          <ul className="delete-failures">
            {s.result.failed.map((f) => (
              <li key={`${f.repository}:${f.tag}`}>
                <span className="mono">
                  {f.repository}:{f.tag}
                </span>
                : {f.message} {f.hint && <span className="muted">{f.hint}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  )
}

function RuleForm(): React.JSX.Element {
  const s = useRetention()
  const [repositories, setRepositories] = useState('')
  const [keepLast, setKeepLast] = useState('10')
  const [olderThan, setOlderThan] = useState('')
  const [keep, setKeep] = useState(DEFAULT_KEEP_PATTERN)
  const num = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v))
  const rule = (): RetentionRule => ({ id: newRuleId(), repositories: repositories.trim(), keepLast: num(keepLast), olderThanDays: num(olderThan), keep })
  return (
    <fieldset className="retention-form" disabled={!!s.busy}>
      <legend>New rule</legend>
      <label>
        Repositories
        <input value={repositories} onChange={(e) => setRepositories(e.target.value)} placeholder="team/app or team/*" aria-label="Repositories" />
      </label>
      <label>
        Keep the newest
        <input type="number" min={0} value={keepLast} onChange={(e) => setKeepLast(e.target.value)} aria-label="Keep the newest N tags" />
        tags
      </label>
      <label>
        Delete tags older than
        <input type="number" min={0} value={olderThan} onChange={(e) => setOlderThan(e.target.value)} aria-label="Older than D days" />
        days
      </label>
      <label>
        Always keep tags matching
        <input className="mono" value={keep} onChange={(e) => setKeep(e.target.value)} aria-label="Always keep tags matching" />
      </label>
      <div className="row-actions">
        <button type="button" className="button" onClick={() => void s.previewRule(rule())} data-testid="retention-preview-button">
          Preview
        </button>
        <button type="button" className="button primary" onClick={() => void s.save(rule())}>
          Save rule
        </button>
      </div>
    </fieldset>
  )
}

function PreviewPanel(): React.JSX.Element | null {
  const s = useRetention()
  const p = s.preview
  if (!p) return null
  return (
    <div className="retention-preview" data-testid="retention-preview">
      <p data-testid="retention-summary">
        {p.deleteCount === 0 ? 'Nothing to delete: every tag is kept.' : `${p.deleteCount} tag${p.deleteCount === 1 ? '' : 's'} would go, freeing ${formatBytes(p.freedBytes)} after garbage collection. Nothing is deleted yet.`}
      </p>
      {p.repositories.map((r) => (
        <div key={r.repository} className="retention-repo">
          <h4 className="mono">
            {r.repository} <span className="muted">({r.delete.length} of {r.tagCount})</span>
          </h4>
          {r.error && <p className="error-text">{r.error}</p>}
          {r.delete.length > 0 && (
            <ul className="chips">
              {r.delete.map((d) => (
                <li key={d.tag} className="chip mono" title={d.reason} data-testid="retention-candidate">
                  {d.tag}
                </li>
              ))}
            </ul>
          )}
          {r.undated.length > 0 && <p className="muted">Kept, no date to judge by: {r.undated.join(', ')}</p>}
        </div>
      ))}
      {p.deleteCount > 0 && (
        <button type="button" className="button danger" disabled={!!s.busy} onClick={() => void s.apply()} data-testid="retention-apply">
          Delete {p.deleteCount} tag{p.deleteCount === 1 ? '' : 's'}
        </button>
      )}
    </div>
  )
}
