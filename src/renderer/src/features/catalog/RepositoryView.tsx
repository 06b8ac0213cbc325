import { useEffect, useMemo } from 'react'
import { formatBytes, formatExact, formatRelative, shortDigest } from '../../lib/format'
import { useVirtualRows } from '../../lib/useVirtualRows'
import { useCatalog } from './catalogStore'
import { isAuthError } from '@shared/contract'
import { sortedTags, useRepository, type TagSortKey } from './repositoryStore'
import { SignInForm } from './SignInForm'
import { TagDetailsPane, type PullAction } from './TagDetailsPane'
import { DeleteTagsDialog } from './DeleteTagsDialog'
import { useDeletes } from './deleteStore'
import { CompareDialog } from './CompareDialog'
import { SpaceDialog } from './SpaceDialog'
import { useSpace } from './spaceStore'
import { intents } from '../../app/intents'
import { writeDraggedTags } from '../../lib/dragTags'

const ROW_HEIGHT = 32
const SUMMARY_DELAY_MS = 60
const number = new Intl.NumberFormat('en')
const plural = (n: number, word: string): string => `${number.format(n)} ${word}${n === 1 ? '' : 's'}`

const columns: { key?: TagSortKey; label: string; className?: string }[] = [
  { key: 'name', label: 'Tag' },
  { label: 'Digest' },
  { label: 'Size', className: 'num' },
  { key: 'created', label: 'Created' },
  { label: 'Platforms' }
]

/** `linux · amd64 · arm64/v8` when the platforms share an OS (they nearly always do), else the full names. */
export function platformsText(platforms: string[]): string {
  const os = platforms.map((p) => p.split('/')[0])
  if (platforms.length > 1 && os.every((o) => o === os[0])) return [os[0], ...platforms.map((p) => p.split('/').slice(1).join('/'))].join(' · ')
  return platforms.join(', ')
}

export function RepositoryView({ registryId, repository, pullAction }: { registryId: string; repository: string; pullAction?: PullAction }): React.JSX.Element {
  const s = useRepository()
  const askChecked = useDeletes((d) => d.askChecked)
  const { showRepository, compare } = useSpace()
  const initialTag = useCatalog((c) => c.initialTag)
  const address = useCatalog((c) => c.address)

  useEffect(() => {
    useRepository.getState().open(registryId, repository, initialTag)
  }, [registryId, repository, initialTag])

  const rows = useMemo(() => sortedTags(s.tags, s.summaries, s.sort, s.filter), [s.tags, s.summaries, s.sort, s.filter])
  const { scrollRef, virtualizer, first, last } = useVirtualRows(rows.length, ROW_HEIGHT, 6)
  const items = virtualizer.getVirtualItems()
  const byDate = s.sort.key === 'created'
  const { wantSummaries } = s

  // Details for the rows on screen; sorting by date needs every row's date.
  useEffect(() => {
    const wanted = byDate ? s.tags : rows.slice(first, last + 1)
    if (wanted.length === 0) return
    const timer = setTimeout(() => wantSummaries(wanted), byDate ? 0 : SUMMARY_DELAY_MS)
    return () => clearTimeout(timer)
  }, [byDate, s.tags, rows, first, last, wantSummaries])

  const described = byDate ? s.tags.filter((t) => s.summaries[t]).length : 0

  if (s.error && isAuthError(s.error) && address) {
    return (
      <div className="catalog-problem">
        <SignInForm address={address} error={s.error} onSignedIn={() => void s.refresh()} />
      </div>
    )
  }

  return (
    <div className="split repository-view">
      <div className="page">
        <div className="toolbar">
          <input className="filter" type="search" placeholder="Filter tags" value={s.filter} onChange={(e) => s.setFilter(e.target.value)} aria-label="Filter tags" />
          <span className="count" data-testid="tag-total">
            {s.loading ? 'Loading tags…' : s.filter.trim() ? `${number.format(rows.length)} of ${plural(s.tags.length, 'tag')}` : plural(s.tags.length, 'tag')}
          </span>
          {byDate && described < s.tags.length && (
            <span className="count" data-testid="date-progress">
              reading dates: {number.format(described)} of {number.format(s.tags.length)}
            </span>
          )}
          <span className="spacer" />
          {s.checked.length === 2 && (
            <button className="button" onClick={() => void compare(registryId, repository, s.checked[0]!, s.checked[1]!)} data-testid="compare-checked">
              Compare
            </button>
          )}
          {s.checked.length > 0 && (
            <>
              <button className="button" onClick={() => s.setChecked([])}>
                Clear selection
              </button>
              <button className="button danger" onClick={askChecked} data-testid="delete-checked">
                Delete {plural(s.checked.length, 'tag')}…
              </button>
            </>
          )}
          <button className="button" onClick={() => void showRepository(registryId, repository)} title="Stored bytes, and what each tag alone uses">
            Space…
          </button>
          {address && s.tags.length > 0 && (
            <button
              className="button"
              data-testid="copy-tags"
              onClick={() => intents.openCopy({ registryId, address, repository, ...(s.checked.length ? { tags: [...s.checked] } : {}) })}
              title={s.checked.length ? 'Copy the ticked tags to another registry or repository' : 'Copy every tag of this repository to another registry or repository'}
            >
              {s.checked.length ? `Copy ${plural(s.checked.length, 'tag')} to…` : 'Copy repository to…'}
            </button>
          )}
          {s.tags.length > 0 && (
            <button
              className="button"
              data-testid="export-tags"
              onClick={() => intents.exportArchive({ kind: 'registry', registryId, repository, ...(s.checked.length ? { tags: [...s.checked] } : {}) })}
              title="Write the tags, every platform, into one OCI archive file (for a machine without network)"
            >
              {s.checked.length ? `Export ${plural(s.checked.length, 'tag')}…` : 'Export repository…'}
            </button>
          )}
          <button className="button" onClick={() => void s.refresh()}>
            Refresh
          </button>
        </div>
        {s.error ? (
          <div className="catalog-problem" role="alert">
            <h2>Cannot read the tags of {repository}</h2>
            <p>{s.error.message}</p>
            {s.error.hint && <p className="muted">{s.error.hint}</p>}
            <button className="button primary" onClick={() => void s.refresh()}>
              Try again
            </button>
          </div>
        ) : !s.loading && s.tags.length === 0 ? (
          <div className="empty">This repository has no tags (its images were deleted, or only digests are left).</div>
        ) : (
          <div className="table" role="grid" aria-rowcount={rows.length} aria-label={`Tags of ${repository}`}>
            <div className="table-head tags-grid" role="row">
              {columns.map((c) =>
                c.key ? (
                  <button
                    key={c.label}
                    role="columnheader"
                    className={`th ${c.className ?? ''}`}
                    aria-sort={s.sort.key === c.key ? (s.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                    onClick={() => s.sortBy(c.key!)}
                    title={c.key === 'name' ? 'Sort by tag, version-aware (1.9 before 1.10)' : 'Sort by creation date'}
                  >
                    {c.label} {s.sort.key === c.key ? (s.sort.dir === 'asc' ? '▲' : '▼') : ''}
                  </button>
                ) : (
                  <span key={c.label} role="columnheader" className={`th ${c.className ?? ''}`}>
                    {c.label}
                  </span>
                )
              )}
            </div>
            <div className="table-body" ref={scrollRef} data-testid="tags-scroll">
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((v) => {
                  const tag = rows[v.index]!
                  const sum = s.summaries[tag]
                  const selected = tag === s.selected
                  return (
                    <div
                      key={tag}
                      role="row"
                      tabIndex={0}
                      aria-selected={selected}
                      className={`tr tags-grid clickable${selected ? ' selected' : ''}`}
                      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                      onClick={() => void s.select(tag)}
                      onKeyDown={(e) => e.key === 'Enter' && void s.select(tag)}
                      data-testid="tag-row"
                      draggable={!!address}
                      onDragStart={(e) => address && writeDraggedTags(e.dataTransfer, { registryId, address, repository, tags: s.checked.includes(tag) ? [...s.checked] : [tag] })}
                    >
                      <span role="gridcell" className="mono tag-name" title={tag}>
                        <input
                          type="checkbox"
                          className="row-check"
                          checked={s.checked.includes(tag)}
                          aria-label={`Select ${tag}`}
                          onClick={(e) => e.stopPropagation()}
                          onChange={() => s.toggleChecked(tag)}
                          data-testid="tag-check"
                        />
                        <span data-testid="tag-name">{tag}</span>
                      </span>
                      {sum?.error ? (
                        <span role="gridcell" className="error-text tag-row-error" title={sum.error}>
                          {sum.error}
                        </span>
                      ) : (
                        <>
                          <span role="gridcell" className="mono muted" title={sum?.digest}>
                            {sum ? shortDigest(sum.digest) : '…'}
                          </span>
                          <span role="gridcell" className="num">
                            {sum ? formatBytes(sum.size) : ''}
                          </span>
                          <span role="gridcell" title={sum?.created ? formatExact(Date.parse(sum.created)) : undefined}>
                            {sum?.created ? formatRelative(Date.parse(sum.created)) : ''}
                          </span>
                          <span role="gridcell" className="platforms" title={sum?.platforms.join(', ')}>
                            {sum ? platformsText(sum.platforms) : ''}
                          </span>
                        </>
                      )}
                    </div>
                  )
                })}
              </div>
            </div>
          </div>
        )}
      </div>
      {s.selected && <TagDetailsPane repository={repository} tag={s.selected} pullAction={pullAction} />}
      <DeleteTagsDialog />
      <SpaceDialog />
      <CompareDialog />
    </div>
  )
}
