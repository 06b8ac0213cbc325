import { useTranslation } from 'react-i18next'
import type { RegistryEntry, SyncPlan, SyncSet } from '@shared/contract'
import { ErrorPanel } from '../../components/ErrorPanel'
import { formatBytes } from '../../lib/format'
import { tMsg } from '../../lib/i18n'
import { SyncEditor } from './SyncEditor'
import { useSync } from './syncStore'
import { registryName } from '../../lib/registryName'

/** Saved sync sets: Plan shows what is new or changed and its size; Run copies it as a transfer. */
export function SyncPage({ registries, onStarted }: { registries: RegistryEntry[]; onStarted(): void }): React.JSX.Element {
  const { t } = useTranslation()
  const { sets, editing, error, edit } = useSync()
  const nameOf = (id: string): string => {
    const r = registries.find((x) => x.id === id)
    return r ? registryName(r) : t('sync.removedRegistry')
  }

  return (
    <div className="page sync-page">
      <div className="toolbar">
        <h1 className="page-title">{t('nav.syncSets')}</h1>
        <span className="spacer" />
        <button className="button primary" onClick={() => edit({})} data-testid="sync-new" disabled={registries.length < 1} title={registries.length < 1 ? t('sync.needTarget') : undefined}>
          {t('sync.new')}
        </button>
      </div>
      {error && <ErrorPanel error={error} testId="sync-error" />}
      {editing && <SyncEditor key={editing.id ?? 'new'} initial={editing} registries={registries} />}
      {sets.length === 0 && !editing && <div className="empty">{t('sync.empty')}</div>}
      <ul className="sync-list">
        {sets.map((s) => (
          <SyncCard key={s.id} set={s} from={s.sourceMirror ? t('sync.mirrorName', { address: s.sourceMirror }) : nameOf(s.sourceRegistryId ?? '')} to={nameOf(s.targetRegistryId)} onStarted={onStarted} />
        ))}
      </ul>
    </div>
  )
}

function SyncCard({ set, from, to, onStarted }: { set: SyncSet; from: string; to: string; onStarted(): void }): React.JSX.Element {
  const { t } = useTranslation()
  const { plans, planning, plan, run, edit, remove } = useSync()
  const p = plans[set.id]
  return (
    <li className="sync-card" data-testid="sync-set" aria-label={t('sync.setLabel', { name: set.name })}>
      <div className="transfer-head">
        <strong>{set.name}</strong>
        <span className="muted">
          {from} → {to}
        </span>
        <span className="spacer" />
        <button className="button small" onClick={() => void plan(set.id)} disabled={planning[set.id]} data-testid="sync-plan-button">
          {planning[set.id] ? t('sync.planning') : t('sync.plan')}
        </button>
        <button className="button small primary" onClick={() => void run(set.id).then((first) => first && onStarted())}>
          {t('sync.run')}
        </button>
        <button className="button small" onClick={() => edit(set)}>
          {t('sync.edit')}
        </button>
        <button className="button small danger" onClick={() => void remove(set.id)}>
          {t('sync.delete')}
        </button>
      </div>
      <div className="mono muted sync-entries">{set.entries.join('  ·  ')}</div>
      {set.platforms?.length ? <div className="muted" data-testid="sync-platforms">{t('sync.onlyPlatforms', { platforms: set.platforms.join(', ') })}</div> : null}
      {p && <PlanView plan={p} />}
    </li>
  )
}

function PlanView({ plan }: { plan: SyncPlan }): React.JSX.Element {
  const { t } = useTranslation()
  const moving = plan.items.filter((i) => i.status !== 'same')
  const upToDate = plan.items.length - moving.length
  return (
    <div className="sync-plan" data-testid="sync-plan">
      <p data-testid="sync-plan-summary">
        {moving.length === 0 ? t('sync.planNothing', { count: upToDate }) : t('sync.planSummary', { count: moving.length, size: formatBytes(plan.size), upToDate })}
      </p>
      {plan.items.length > 0 && (
        <table className="mini-table">
          <tbody>
            {plan.items.map((i) => (
              <tr key={`${i.repository}:${i.tag}`} data-testid="sync-plan-item" data-status={i.status}>
                <td className="mono">
                  {i.repository}:{i.tag}
                </td>
                <td>{t(`sync.status.${i.status}`)}</td>
                <td className="num">{i.size !== undefined ? formatBytes(i.size) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.vanished.length > 0 && (
        <p className="muted" data-testid="sync-vanished">
          {t('sync.vanished', { tags: plan.vanished.map((v) => `${v.repository}:${v.tag}`).join(', ') })}
        </p>
      )}
      {plan.unmatched?.length ? (
        <p className="muted" data-testid="sync-unmatched">
          {t('sync.unmatched', { tags: plan.unmatched.map((v) => `${v.repository}:${v.tag}`).join(', ') })}
        </p>
      ) : null}
      {plan.problems.map((pr) => (
        <p key={pr.entry} className="error-text">
          {t('sync.problem', { entry: pr.entry, problem: pr.msg ? tMsg(pr.msg) : pr.message })}
        </p>
      ))}
    </div>
  )
}
