import { useTranslation } from 'react-i18next'
import { useEffect, useMemo, useState } from 'react'
import { useVirtualRows } from '../../lib/useVirtualRows'
import { formatNumber } from '../../lib/format'
import { useCatalog } from './catalogStore'
import { CatalogProblem } from './CatalogProblem'
import { CatalogIncomplete, CatalogStatus } from './CatalogStatus'
import { OpenRepositoryForm } from './OpenRepositoryForm'
import { RetentionDialog } from './RetentionDialog'
import { useRetention } from './retentionStore'
import { SpaceDialog } from './SpaceDialog'
import { useSpace } from './spaceStore'
import { TagSearch } from './TagSearch'

const ROW_HEIGHT = 32
const COUNT_DELAY_MS = 80


/** Lower-cased words that must all appear in a repository name (names are lower-case by grammar). */
export function filterRepositories(repos: string[], filter: string): string[] {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return repos
  if (words.length === 1) {
    const w = words[0]!
    return repos.filter((r) => r.includes(w))
  }
  return repos.filter((r) => words.every((w) => r.includes(w)))
}

/** Repositories whose tag count is known to be 0 left out (counts arrive lazily: the others stay). */
export function withoutEmpty(repos: string[], counts: Record<string, number | string> | undefined): string[] {
  return counts ? repos.filter((r) => counts[r] !== 0) : repos
}

export function CatalogView(): React.JSX.Element {
  const { t } = useTranslation()
  const { registryId, repos, done, loading, error, filter, counts, hideEmpty, setHideEmpty, setFilter, wantCounts, openRepository, reload } = useCatalog()
  const showRegistrySpace = useSpace((s) => s.showRegistry)
  const showRetention = useRetention((s) => s.show)
  const rows = useMemo(() => withoutEmpty(filterRepositories(repos, filter), hideEmpty ? counts : undefined), [repos, filter, hideEmpty, counts])
  const [tagSearch, setTagSearch] = useState(false)
  const { scrollRef, virtualizer, first, last } = useVirtualRows(rows.length, ROW_HEIGHT, 8)
  const items = virtualizer.getVirtualItems()

  // Tag counts only for the rows on screen, once scrolling pauses.
  useEffect(() => {
    if (last < first) return
    const timer = setTimeout(() => wantCounts(rows.slice(first, last + 1)), COUNT_DELAY_MS)
    return () => clearTimeout(timer)
  }, [first, last, rows, wantCounts])

  const filtered = filter.trim() !== ''
  const loadedText = done ? t('browse.repositories', { count: repos.length, total: formatNumber(repos.length) }) : t('browse.loadedSoFar', { total: formatNumber(repos.length) })

  return (
    <div className="page catalog-view">
      <div className="toolbar">
        {!error && (
          <>
            <input className="filter" type="search" placeholder={t('browse.filterRepositories')} value={filter} onChange={(e) => setFilter(e.target.value)} aria-label={t('browse.filterRepositories')} autoFocus />
            <span className="count" data-testid="catalog-count" data-done={done ? 'true' : 'false'} data-loading={loading ? 'true' : 'false'}>
              {filtered ? `${t('browse.matching', { count: rows.length, total: formatNumber(rows.length) })} · ` : ''}
              {loadedText}
            </span>
            <CatalogStatus />
          </>
        )}
        {!error && (
          <label
            className="toggle"
            title={t('catalog.hideEmptyTitle')}
          >
            <input type="checkbox" checked={hideEmpty} onChange={(e) => setHideEmpty(e.target.checked)} data-testid="hide-empty" /> {t('catalog.hideEmpty')}
          </label>
        )}
        <span className="spacer" />
        {/* When the catalog cannot be listed, the problem panel has its own (larger) form. */}
        {!error && <OpenRepositoryForm compact />}
        {!error && registryId && (
          <button className="button" onClick={() => void showRegistrySpace(registryId)} title={t('catalog.spaceTitle')} data-testid="catalog-space">
            {t('catalog.space')}
          </button>
        )}
        {registryId && (
          <button className="button" onClick={() => void showRetention(registryId)} title={t('catalog.retentionTitle')} data-testid="catalog-retention">
            {t('catalog.retention')}
          </button>
        )}
        {!error && (
          <button className={`button${tagSearch ? ' active' : ''}`} onClick={() => setTagSearch(!tagSearch)} aria-pressed={tagSearch} data-testid="catalog-search-tags">
            {t('catalog.searchTags')}
          </button>
        )}
        <button className="button" onClick={reload} disabled={loading && !error}>
          {t('common.refresh')}
        </button>
      </div>
      {!error && <CatalogIncomplete />}
      {!error && tagSearch && <TagSearch />}
      {error ? (
        <CatalogProblem error={error} onRetry={reload} />
      ) : done && repos.length === 0 ? (
        <div className="empty">{t('browse.noRepositories')}</div>
      ) : (
        <div className="table catalog-table" role="grid" aria-rowcount={rows.length + 1} aria-colcount={2} aria-label={t('browse.repositoriesLabel')}>
          <div role="rowgroup">
            <div className="table-head catalog-grid" role="row" aria-rowindex={1}>
              <span role="columnheader" className="th">
                {t('images.col.repository')}
              </span>
              <span role="columnheader" className="th num">
                {t('details.tags')}
              </span>
            </div>
          </div>
          {rows.length === 0 && filtered && done && <div className="empty">{t('browse.noMatch', { filter: filter.trim() })}</div>}
          <div className="table-body" ref={scrollRef} data-testid="catalog-scroll">
            <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((v) => {
                const name = rows[v.index]!
                const count = counts[name]
                return (
                  <div
                    key={name}
                    role="row"
                    tabIndex={0}
                    aria-rowindex={v.index + 2}
                    className="tr catalog-grid clickable"
                    style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                    onClick={() => openRepository(name)}
                    onKeyDown={(e) => e.key === 'Enter' && openRepository(name)}
                    data-testid="repo-row"
                  >
                    <span role="gridcell" className="mono" title={name}>
                      {name}
                    </span>
                    <span role="gridcell" className="num" data-testid="tag-count" title={typeof count === 'string' ? count : undefined}>
                      {count === undefined ? <span className="muted">…</span> : typeof count === 'number' ? formatNumber(count) : <span className="error-text">!</span>}
                    </span>
                  </div>
                )
              })}
            </div>
          </div>
        </div>
      )}
      <SpaceDialog />
      <RetentionDialog />
    </div>
  )
}
