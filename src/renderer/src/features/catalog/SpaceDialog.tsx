import type { Msg } from '@shared/i18n/message'
import { Trans, useTranslation } from 'react-i18next'
import { Dialog } from '../../components/Dialog'
import { formatBytes, formatNumber } from '../../lib/format'
import { errorText, msgOr } from '../../lib/i18n'
import { sortBySpace, useSpace, type SpaceSort, type SpaceState } from './spaceStore'
import { ErrorLines } from '../../components/ErrorPanel'

/** Where the space goes: one repository's tags, or every repository of the registry. */
export function SpaceDialog(): React.JSX.Element | null {
  const { t } = useTranslation()
  const s = useSpace()
  if (s.open !== 'repository' && s.open !== 'registry') return null
  const title = s.open === 'repository' ? (s.repository ? t('space.titleRepository', { repository: s.repository.repository }) : t('space.titleRepositoryLoading')) : t('space.titleRegistry')
  return (
    <Dialog
      title={title}
      onClose={s.close}
      testId="space-dialog"
      footer={
        <>
          {s.loading && s.open === 'registry' && (
            <button type="button" className="button" onClick={() => void s.cancel()} data-testid="space-cancel">
              {t('space.stop')}
            </button>
          )}
          <button type="button" className="button primary" onClick={s.close}>
            {t('doctor.close')}
          </button>
        </>
      }
    >
      {s.error ? (
        <div role="alert">
          <ErrorLines error={s.error} />
        </div>
      ) : s.loading ? (
        <Progress done={s.progress?.done} total={s.progress?.total} />
      ) : s.repository ? (
        <>
          <p data-testid="space-total">
            <Trans i18nKey="space.storedRepository" values={{ size: formatBytes(s.repository.stored) }} components={{ strong: <strong /> }} /> <span className="muted">{t('space.uniqueExplain')}</span>
          </p>
          <SpaceTable
            sort={s.sort}
            onSort={s.sortBy}
            nameLabel={t('space.tag')}
            rows={sortBySpace(s.repository.tags, s.sort, (row) => row.tag).map((row) => ({ name: row.tag, size: row.size, unique: row.unique, error: row.error, errorMsg: row.errorMsg }))}
          />
        </>
      ) : s.registry ? (
        <>
          <p data-testid="space-total">
            <Trans i18nKey="space.storedRegistry" count={s.registry.repositories.length} values={{ size: formatBytes(s.registry.stored), n: formatNumber(s.registry.repositories.length) }} components={{ strong: <strong /> }} />
            {s.registry.cancelled && <span className="muted"> {t('space.stoppedEarly')}</span>}
          </p>
          {s.disk && <DiskUse disk={s.disk} />}
          <SpaceTable
            sort={s.sort}
            onSort={s.sortBy}
            nameLabel={t('copy.repository')}
            rows={sortBySpace(s.registry.repositories, s.sort, (r) => r.repository).map((r) => ({ name: r.repository, size: r.stored, unique: r.unique, error: r.error, errorMsg: r.errorMsg, tags: r.tagCount }))}
          />
        </>
      ) : null}
    </Dialog>
  )
}

/** Berth's own registry: what its volume really takes on disk, and what a collection would give back. */
function DiskUse({ disk }: { disk: NonNullable<SpaceState['disk']> }): React.JSX.Element {
  const { t } = useTranslation()
  const d = disk.dryRun
  return (
    <p className="muted" data-testid="space-disk" aria-busy={disk.checking}>
      {disk.checking
        ? t('space.disk.checking')
        : disk.error
          ? t('space.disk.unknown', { reason: errorText(disk.error) })
          : d && (
              <>
                {d.volumeSize !== undefined && <>{t('space.disk.volume', { size: formatBytes(d.volumeSize) })} </>}
                {d.eligibleBlobs === 0 ? t('space.disk.freesNothing') : t('space.disk.wouldFree', { size: formatBytes(d.freeableBytes), count: d.eligibleBlobs, n: formatNumber(d.eligibleBlobs) })}
              </>
            )}
    </p>
  )
}

function Progress({ done, total }: { done?: number; total?: number }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div data-testid="space-progress">
      <div className="progress mini">
        <div style={{ width: total ? `${(100 * (done ?? 0)) / total}%` : '0%' }} />
      </div>
      <p className="muted">{total ? t('space.measured', { count: total, done: formatNumber(done ?? 0), total: formatNumber(total) }) : t('space.reading')}</p>
    </div>
  )
}

interface Row {
  name: string
  size: number
  unique: number
  tags?: number
  error?: string
  errorMsg?: Msg
}

function SpaceTable({ rows, sort, onSort, nameLabel }: { rows: Row[]; sort: SpaceSort; onSort(s: SpaceSort): void; nameLabel: string }): React.JSX.Element {
  const { t } = useTranslation()
  const columns: [SpaceSort, string, boolean][] = [
    ['name', nameLabel, false],
    ['size', t('space.size'), true],
    ['unique', t('space.unique'), true]
  ]
  const head = (key: SpaceSort, label: string, num: boolean): React.JSX.Element => (
    <th key={key} className={num ? 'num' : ''} aria-sort={sort === key ? (key === 'name' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="th-button" onClick={() => onSort(key)}>
        {label} {sort === key ? (key === 'name' ? '▲' : '▼') : ''}
      </button>
    </th>
  )
  return (
    <div className="space-table-wrap">
      <table className="space-table" data-testid="space-table">
        <thead>
          <tr>
            {columns.map(([key, label, num]) => head(key, label, num))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-testid="space-row">
              <td className="mono">
                {r.name}
                {r.tags !== undefined && <span className="muted"> · {t('browse.tags', { count: r.tags, total: formatNumber(r.tags) })}</span>}
              </td>
              {r.error ? (
                <td colSpan={2} className="error-text" title={msgOr(r.errorMsg, r.error)}>
                  {msgOr(r.errorMsg, r.error)}
                </td>
              ) : (
                <>
                  <td className="num">{formatBytes(r.size)}</td>
                  <td className="num">{formatBytes(r.unique)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
