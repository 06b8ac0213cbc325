import { useTranslation } from 'react-i18next'
import { formatExact, formatNumber, formatRelative } from '../../lib/format'
import { errorHint, errorText } from '../../lib/i18n'
import { useCatalog } from './catalogStore'

/** How old the list is, whether a walk is running, and what the last walk changed. */
export function CatalogStatus(): React.JSX.Element {
  const { t } = useTranslation()
  const { listedAt, fromIndex, loading, changes, quirks } = useCatalog()
  const age = listedAt !== undefined ? formatRelative(listedAt) : undefined
  return (
    <>
      {(age || loading) && (
        <span className="muted catalog-age" data-testid="catalog-age" data-from-index={fromIndex ? 'true' : 'false'} title={listedAt !== undefined ? formatExact(listedAt) : undefined}>
          {age && (fromIndex ? t('catalog.storedFrom', { age }) : t('catalog.listedAge', { age }))}
          {loading && (age ? ` · ${t('catalog.refreshing')}` : t('catalog.listing'))}
        </span>
      )}
      {changes && (changes.added.length > 0 || changes.removed.length > 0) && (
        <span className="catalog-changes" data-testid="catalog-changes" title={[...changes.added.slice(0, 20).map((r) => `+ ${r}`), ...changes.removed.slice(0, 20).map((r) => `− ${r}`)].join('\n')}>
          {changes.added.length > 0 && <span className="ok-text">{t('catalog.added', { count: changes.added.length, n: formatNumber(changes.added.length) })}</span>}
          {changes.added.length > 0 && changes.removed.length > 0 && ' · '}
          {changes.removed.length > 0 && <span className="error-text">{t('catalog.removed', { count: changes.removed.length, n: formatNumber(changes.removed.length) })}</span>}
        </span>
      )}
      {/* How the registry pages when it is unusual: short in the line, the whole story on hover. */}
      {quirks.length > 0 && (
        <span className="muted catalog-quirks" data-testid="catalog-quirks" data-quirks={quirks.join(' ')} title={quirks.map((q) => t(`catalog.quirkTitle.${q}`)).join('\n')}>
          {t('catalog.paging', { quirks: quirks.map((q) => t(`catalog.quirk.${q}`)).join(' · ') })}
        </span>
      )}
    </>
  )
}

/** Why the list is short (or stale), with Retry: a catalog is never short without saying so. */
export function CatalogIncomplete(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { loading, incomplete, refreshError, refreshIncomplete, reload } = useCatalog()
  // A refresh that stopped early under a complete stored list: the stored list stays, with why.
  const failed = refreshError ?? refreshIncomplete
  if (!incomplete && !failed) return null
  const why = incomplete ?? failed
  return (
    <div className="catalog-incomplete" role="alert" data-testid="catalog-incomplete" data-reason={incomplete?.reason ?? 'refresh-failed'}>
      <strong>{incomplete ? t('catalog.incomplete') : t('catalog.refreshFailed')}</strong> {why && errorText(why)}{' '}
      <span className="muted">{why && errorHint(why)}</span>
      <button className="button small" onClick={reload} disabled={loading}>
        {t('transfers.retry')}
      </button>
    </div>
  )
}
