import { formatExact, formatRelative } from '../../lib/format'
import { useCatalog } from './catalogStore'

const number = new Intl.NumberFormat('en')

/** How old the list is, whether a walk is running, and what the last walk changed. */
export function CatalogStatus(): React.JSX.Element {
  const { listedAt, fromIndex, loading, changes } = useCatalog()
  const age = listedAt !== undefined ? formatRelative(listedAt) : undefined
  return (
    <>
      {(age || loading) && (
        <span className="muted catalog-age" data-testid="catalog-age" data-from-index={fromIndex ? 'true' : 'false'} title={listedAt !== undefined ? formatExact(listedAt) : undefined}>
          {age && (fromIndex ? `stored list from ${age}` : `listed ${age}`)}
          {loading && (age ? ' · refreshing…' : 'listing…')}
        </span>
      )}
      {changes && (changes.added.length > 0 || changes.removed.length > 0) && (
        <span className="catalog-changes" data-testid="catalog-changes" title={[...changes.added.slice(0, 20).map((r) => `+ ${r}`), ...changes.removed.slice(0, 20).map((r) => `− ${r}`)].join('\n')}>
          {changes.added.length > 0 && <span className="ok-text">{number.format(changes.added.length)} new</span>}
          {changes.added.length > 0 && changes.removed.length > 0 && ' · '}
          {changes.removed.length > 0 && <span className="error-text">{number.format(changes.removed.length)} gone</span>}
        </span>
      )}
    </>
  )
}

/** Why the list is short (or stale), with Retry: a catalog is never short without saying so. */
export function CatalogIncomplete(): React.JSX.Element | null {
  const { loading, incomplete, refreshError, reload } = useCatalog()
  if (!incomplete && !refreshError) return null
  return (
    <div className="catalog-incomplete" role="alert" data-testid="catalog-incomplete" data-reason={incomplete?.reason ?? 'refresh-failed'}>
      <strong>{incomplete ? 'This list is incomplete.' : 'Could not refresh this list.'}</strong> {incomplete?.message ?? refreshError?.message}{' '}
      <span className="muted">{incomplete?.hint ?? refreshError?.hint}</span>
      <button className="button small" onClick={reload} disabled={loading}>
        Retry
      </button>
    </div>
  )
}
