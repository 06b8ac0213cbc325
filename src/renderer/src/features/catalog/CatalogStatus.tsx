import type { CatalogQuirk } from '@shared/contract'
import { formatExact, formatRelative } from '../../lib/format'
import { useCatalog } from './catalogStore'

const number = new Intl.NumberFormat('en')

/** How a registry pages when it is unusual: short in the status line, the whole story on hover. */
const QUIRKS: Record<CatalogQuirk, { short: string; long: string }> = {
  'ignores-n': { short: 'ignores n', long: 'This registry ignores the page size (n): it sends more repositories per page than asked. Berth reads them all the same.' },
  'no-link': { short: 'no Link', long: 'This registry sends no Link to the next page: Berth asks again after every full page to be sure the list is whole.' },
  unordered: { short: 'not in name order', long: 'This registry does not list its repositories in name order, so Berth reads its catalog one page after another instead of in parallel ranges.' }
}

/** How old the list is, whether a walk is running, and what the last walk changed. */
export function CatalogStatus(): React.JSX.Element {
  const { listedAt, fromIndex, loading, changes, quirks } = useCatalog()
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
      {quirks.length > 0 && (
        <span className="muted catalog-quirks" data-testid="catalog-quirks" data-quirks={quirks.join(' ')} title={quirks.map((q) => QUIRKS[q].long).join('\n')}>
          Paging: {quirks.map((q) => QUIRKS[q].short).join(' · ')}
        </span>
      )}
    </>
  )
}

/** Why the list is short (or stale), with Retry: a catalog is never short without saying so. */
export function CatalogIncomplete(): React.JSX.Element | null {
  const { loading, incomplete, refreshError, refreshIncomplete, reload } = useCatalog()
  // A refresh that stopped early under a complete stored list: the stored list stays, with why.
  const failed = refreshError ?? refreshIncomplete
  if (!incomplete && !failed) return null
  return (
    <div className="catalog-incomplete" role="alert" data-testid="catalog-incomplete" data-reason={incomplete?.reason ?? 'refresh-failed'}>
      <strong>{incomplete ? 'This list is incomplete.' : 'Could not refresh this list.'}</strong> {incomplete?.message ?? failed?.message}{' '}
      <span className="muted">{incomplete?.hint ?? failed?.hint}</span>
      <button className="button small" onClick={reload} disabled={loading}>
        Retry
      </button>
    </div>
  )
}
