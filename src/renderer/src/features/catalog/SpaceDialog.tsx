import { Dialog } from '../../components/Dialog'
import { formatBytes } from '../../lib/format'
import { sortBySpace, useSpace, type SpaceSort, type SpaceState } from './spaceStore'

const number = new Intl.NumberFormat('en')

/** Where the space goes: one repository's tags, or every repository of the registry. */
export function SpaceDialog(): React.JSX.Element | null {
  const s = useSpace()
  if (s.open !== 'repository' && s.open !== 'registry') return null
  const title = s.open === 'repository' ? `Space used by ${s.repository?.repository ?? 'the repository'}` : 'Space used by this registry'
  return (
    <Dialog
      title={title}
      onClose={s.close}
      testId="space-dialog"
      footer={
        <>
          {s.loading && s.open === 'registry' && (
            <button type="button" className="button" onClick={() => void s.cancel()} data-testid="space-cancel">
              Stop
            </button>
          )}
          <button type="button" className="button primary" onClick={s.close}>
            Close
          </button>
        </>
      }
    >
      {s.error ? (
        <div role="alert">
          <p>{s.error.message}</p>
          {s.error.hint && <p className="muted">{s.error.hint}</p>}
        </div>
      ) : s.loading ? (
        <Progress done={s.progress?.done} total={s.progress?.total} />
      ) : s.repository ? (
        <>
          <p data-testid="space-total">
            <strong>{formatBytes(s.repository.stored)}</strong> stored, every layer counted once. <span className="muted">Unique: what deleting the tag frees after garbage collection (layers no other tag of this repository uses).</span>
          </p>
          <SpaceTable
            sort={s.sort}
            onSort={s.sortBy}
            nameLabel="Tag"
            rows={sortBySpace(s.repository.tags, s.sort, (t) => t.tag).map((t) => ({ name: t.tag, size: t.size, unique: t.unique, error: t.error }))}
          />
        </>
      ) : s.registry ? (
        <>
          <p data-testid="space-total">
            <strong>{formatBytes(s.registry.stored)}</strong> stored in {number.format(s.registry.repositories.length)} repositories, every blob counted once.
            {s.registry.cancelled && <span className="muted"> Stopped early: only the repositories read so far are counted.</span>}
          </p>
          {s.disk && <DiskUse disk={s.disk} />}
          <SpaceTable
            sort={s.sort}
            onSort={s.sortBy}
            nameLabel="Repository"
            rows={sortBySpace(s.registry.repositories, s.sort, (r) => r.repository).map((r) => ({ name: r.repository, size: r.stored, unique: r.unique, error: r.error, tags: r.tagCount }))}
          />
        </>
      ) : null}
    </Dialog>
  )
}

/** Berth's own registry: what its volume really takes on disk, and what a collection would give back. */
function DiskUse({ disk }: { disk: NonNullable<SpaceState['disk']> }): React.JSX.Element {
  const d = disk.dryRun
  return (
    <p className="muted" data-testid="space-disk">
      {disk.checking
        ? 'Checking what garbage collection would free…'
        : disk.error
          ? `What garbage collection would free is unknown: ${disk.error.message}`
          : d && (
              <>
                {d.volumeSize !== undefined && <>On disk, the registry’s volume uses {formatBytes(d.volumeSize)}. </>}
                {d.eligibleBlobs === 0 ? 'Garbage collection would free nothing now.' : `Garbage collection would free about ${formatBytes(d.freeableBytes)} now (${d.eligibleBlobs} blobs; a dry run, nothing deleted).`}
              </>
            )}
    </p>
  )
}

function Progress({ done, total }: { done?: number; total?: number }): React.JSX.Element {
  return (
    <div data-testid="space-progress">
      <div className="progress mini">
        <div style={{ width: total ? `${(100 * (done ?? 0)) / total}%` : '0%' }} />
      </div>
      <p className="muted">{total ? `Measured ${number.format(done ?? 0)} of ${number.format(total)} repositories…` : 'Reading manifests…'}</p>
    </div>
  )
}

interface Row {
  name: string
  size: number
  unique: number
  tags?: number
  error?: string
}

function SpaceTable({ rows, sort, onSort, nameLabel }: { rows: Row[]; sort: SpaceSort; onSort(s: SpaceSort): void; nameLabel: string }): React.JSX.Element {
  const head = (key: SpaceSort, label: string, num = true): React.JSX.Element => (
    <th className={num ? 'num' : ''} aria-sort={sort === key ? (key === 'name' ? 'ascending' : 'descending') : 'none'}>
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
            {head('name', nameLabel, false)}
            {head('size', 'Size')}
            {head('unique', 'Unique')}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-testid="space-row">
              <td className="mono">
                {r.name}
                {r.tags !== undefined && <span className="muted"> · {number.format(r.tags)} tags</span>}
              </td>
              {r.error ? (
                <td colSpan={2} className="error-text" title={r.error}>
                  {r.error}
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
