import type { RegistryEntry, SyncPlan, SyncSet } from '@shared/contract'
import { ErrorPanel } from '../../components/ErrorPanel'
import { formatBytes } from '../../lib/format'
import { SyncEditor } from './SyncEditor'
import { useSync } from './syncStore'

/** Saved sync sets: Plan shows what is new or changed and its size; Run copies it as a transfer. */
export function SyncPage({ registries, onStarted }: { registries: RegistryEntry[]; onStarted(): void }): React.JSX.Element {
  const { sets, editing, error, edit } = useSync()
  const nameOf = (id: string): string => registries.find((r) => r.id === id)?.name ?? 'a removed registry'

  return (
    <div className="page sync-page">
      <div className="toolbar">
        <h1 className="page-title">Sync sets</h1>
        <span className="spacer" />
        <button className="button primary" onClick={() => edit({})} disabled={registries.length < 1} title={registries.length < 1 ? 'Add a target registry first' : undefined}>
          New sync set
        </button>
      </div>
      {error && <ErrorPanel error={error} testId="sync-error" />}
      {editing && <SyncEditor key={editing.id ?? 'new'} initial={editing} registries={registries} />}
      {sets.length === 0 && !editing && <div className="empty">No sync sets yet. A set copies repositories with tag patterns from one registry (for example a Docker Hub mirror) to another, again and again: only what changed moves.</div>}
      <ul className="sync-list">
        {sets.map((s) => (
          <SyncCard key={s.id} set={s} from={s.sourceMirror ? `${s.sourceMirror} (mirror)` : nameOf(s.sourceRegistryId ?? '')} to={nameOf(s.targetRegistryId)} onStarted={onStarted} />
        ))}
      </ul>
    </div>
  )
}

function SyncCard({ set, from, to, onStarted }: { set: SyncSet; from: string; to: string; onStarted(): void }): React.JSX.Element {
  const { plans, planning, plan, run, edit, remove } = useSync()
  const p = plans[set.id]
  return (
    <li className="sync-card" data-testid="sync-set" aria-label={`Sync set ${set.name}`}>
      <div className="transfer-head">
        <strong>{set.name}</strong>
        <span className="muted">
          {from} → {to}
        </span>
        <span className="spacer" />
        <button className="button small" onClick={() => void plan(set.id)} disabled={planning[set.id]}>
          {planning[set.id] ? 'Planning…' : 'Plan'}
        </button>
        <button className="button small primary" onClick={() => void run(set.id).then((t) => t && onStarted())}>
          Run
        </button>
        <button className="button small" onClick={() => edit(set)}>
          Edit
        </button>
        <button className="button small danger" onClick={() => void remove(set.id)}>
          Delete
        </button>
      </div>
      <div className="mono muted sync-entries">{set.entries.join('  ·  ')}</div>
      {set.platforms?.length ? <div className="muted" data-testid="sync-platforms">Only {set.platforms.join(', ')} (a filtered index: its digest differs from the source’s)</div> : null}
      {p && <PlanView plan={p} />}
    </li>
  )
}

const STATUS = { new: 'new', changed: 'changed', same: 'up to date' } as const

function PlanView({ plan }: { plan: SyncPlan }): React.JSX.Element {
  const moving = plan.items.filter((i) => i.status !== 'same')
  return (
    <div className="sync-plan" data-testid="sync-plan">
      <p data-testid="sync-plan-summary">
        {moving.length === 0 ? 'Nothing new or changed.' : `${moving.length} to copy, ${formatBytes(plan.size)}.`} {plan.items.length - moving.length} up to date.
      </p>
      {plan.items.length > 0 && (
        <table className="mini-table">
          <tbody>
            {plan.items.map((i) => (
              <tr key={`${i.repository}:${i.tag}`} data-testid="sync-plan-item" data-status={i.status}>
                <td className="mono">
                  {i.repository}:{i.tag}
                </td>
                <td>{STATUS[i.status]}</td>
                <td className="num">{i.size !== undefined ? formatBytes(i.size) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.vanished.length > 0 && (
        <p className="muted" data-testid="sync-vanished">
          Gone upstream, kept here (never deleted): {plan.vanished.map((v) => `${v.repository}:${v.tag}`).join(', ')}
        </p>
      )}
      {plan.unmatched?.length ? (
        <p className="muted" data-testid="sync-unmatched">
          None of the chosen platforms, not copied: {plan.unmatched.map((v) => `${v.repository}:${v.tag}`).join(', ')}
        </p>
      ) : null}
      {plan.problems.map((pr) => (
        <p key={pr.entry} className="error-text">
          {pr.entry}: {pr.message}
        </p>
      ))}
    </div>
  )
}
