import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useEffect, useMemo } from 'react'
import { formatBytes, formatExact, formatNumber, formatRelative, shortDigest } from '../../lib/format'
import { msgOr } from '../../lib/i18n'
import { useVirtualRows } from '../../lib/useVirtualRows'
import { useCatalog } from './catalogStore'
import { isAuthError } from '@shared/contract'
import { sortedTags, useRepository, type TagSortKey } from './repositoryStore'
import { SignInForm } from './SignInForm'
import { TagDetailsPane, type PullAction } from './TagDetailsPane'
import { useDeletes } from './deleteStore'
import { CompareDialog } from './CompareDialog'
import { SpaceDialog } from './SpaceDialog'
import { useSpace } from './spaceStore'
import { intents } from '../../app/intents'
import { writeDraggedTags } from '../../lib/dragTags'
import { ErrorLines } from '../../components/ErrorPanel'

const ROW_HEIGHT = 32
const SUMMARY_DELAY_MS = 60
const columns: { key?: TagSortKey; label: 'tag' | 'digest' | 'size' | 'created' | 'platforms'; className?: string }[] = [
  { key: 'name', label: 'tag' },
  { label: 'digest' },
  { label: 'size', className: 'num' },
  { key: 'created', label: 'created' },
  { label: 'platforms' }
]

function columnLabel(t: TFunction, label: (typeof columns)[number]['label']): string {
  return { tag: t('images.col.tag'), digest: t('transfers.digest'), size: t('images.col.size'), created: t('images.col.created'), platforms: t('tagDetails.platforms') }[label]
}

/** `linux · amd64 · arm64/v8` when the platforms share an OS (they nearly always do), else the full names. */
export function platformsText(platforms: string[]): string {
  const os = platforms.map((p) => p.split('/')[0])
  if (platforms.length > 1 && os.every((o) => o === os[0])) return [os[0], ...platforms.map((p) => p.split('/').slice(1).join('/'))].join(' · ')
  return platforms.join(', ')
}

export function RepositoryView({ registryId, repository, pullAction }: { registryId: string; repository: string; pullAction?: PullAction }): React.JSX.Element {
  const { t } = useTranslation()
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
          <input className="filter" type="search" placeholder={t('browse.filterTags')} value={s.filter} onChange={(e) => s.setFilter(e.target.value)} aria-label={t('browse.filterTags')} />
          <span className="count" data-testid="tag-total">
            {s.loading ? t('browse.loadingTags') : s.filter.trim() ? t('browse.tagsOf', { shown: formatNumber(rows.length), count: s.tags.length, total: formatNumber(s.tags.length) }) : t('browse.tags', { count: s.tags.length, total: formatNumber(s.tags.length) })}
          </span>
          {byDate && described < s.tags.length && (
            <span className="count" data-testid="date-progress">
              {t('browse.readingDates', { done: formatNumber(described), total: formatNumber(s.tags.length) })}
            </span>
          )}
          <span className="spacer" />
          {s.checked.length === 2 && (
            <button className="button" onClick={() => void compare(registryId, repository, s.checked[0]!, s.checked[1]!)} data-testid="compare-checked">
              {t('browse.compare')}
            </button>
          )}
          {s.checked.length > 0 && (
            <>
              <button className="button" onClick={() => s.setChecked([])}>
                {t('browse.clearSelection')}
              </button>
              <button className="button danger" onClick={askChecked} data-testid="delete-checked">
                {t('browse.deleteTags', { count: s.checked.length })}
              </button>
            </>
          )}
          <button className="button" onClick={() => void showRepository(registryId, repository)} title={t('browse.spaceTitle')} data-testid="repo-space">
            {t('browse.space')}
          </button>
          {address && s.tags.length > 0 && (
            <button
              className="button"
              data-testid="copy-tags"
              onClick={() => intents.openCopy({ registryId, address, repository, ...(s.checked.length ? { tags: [...s.checked] } : {}) })}
              title={s.checked.length ? t('browse.copyTickedTitle') : t('browse.copyAllTitle')}
            >
              {s.checked.length ? t('browse.copyTicked', { count: s.checked.length }) : t('browse.copyAll')}
            </button>
          )}
          {s.tags.length > 0 && (
            <button
              className="button"
              data-testid="export-tags"
              onClick={() => intents.exportArchive({ kind: 'registry', registryId, repository, ...(s.checked.length ? { tags: [...s.checked] } : {}) })}
              title={t('browse.exportTitle')}
            >
              {s.checked.length ? t('browse.exportTicked', { count: s.checked.length }) : t('browse.exportAll')}
            </button>
          )}
          <button className="button" onClick={() => void s.refresh()}>
            {t('common.refresh')}
          </button>
        </div>
        {s.error ? (
          <div className="catalog-problem" role="alert">
            <h2>{t('browse.cannotReadTags', { repository })}</h2>
            <ErrorLines error={s.error} />
            <button className="button primary" onClick={() => void s.refresh()}>
              {t('common.tryAgain')}
            </button>
          </div>
        ) : !s.loading && s.tags.length === 0 ? (
          <div className="empty">{t('browse.noTags')}</div>
        ) : (
          <div className="table" role="grid" aria-rowcount={rows.length + 1} aria-colcount={columns.length} aria-label={t('browse.tagsOfRepository', { repository })}>
            <div role="rowgroup">
              <div className="table-head tags-grid" role="row" aria-rowindex={1}>
                {columns.map((c) =>
                  c.key ? (
                    <div key={c.label} role="columnheader" className={c.className} aria-sort={s.sort.key === c.key ? (s.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                      <button className="th" onClick={() => s.sortBy(c.key!)} title={c.key === 'name' ? t('browse.sortByTag') : t('browse.sortByDate')}>
                        {columnLabel(t, c.label)} <span aria-hidden="true">{s.sort.key === c.key ? (s.sort.dir === 'asc' ? '▲' : '▼') : ''}</span>
                      </button>
                    </div>
                  ) : (
                    <span key={c.label} role="columnheader" className={`th ${c.className ?? ''}`}>
                      {columnLabel(t, c.label)}
                    </span>
                  )
                )}
              </div>
            </div>
            <div className="table-body" ref={scrollRef} data-testid="tags-scroll">
              <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {items.map((v) => {
                  const tag = rows[v.index]!
                  const sum = s.summaries[tag]
                  const selected = tag === s.selected
                  return (
                    <div
                      key={tag}
                      role="row"
                      tabIndex={0}
                      aria-rowindex={v.index + 2}
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
                        <span role="gridcell" className="error-text tag-row-error" title={msgOr(sum.errorMsg, sum.error)}>
                          {msgOr(sum.errorMsg, sum.error)}
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
      <SpaceDialog />
      <CompareDialog />
    </div>
  )
}
