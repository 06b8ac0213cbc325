import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../lib/format'
import { errorText } from '../../lib/i18n'
import { useCatalog } from './catalogStore'
import { useTagSearch } from './tagSearchStore'

/** "Which repositories have tag 1.8.0?": a search over the tag lists indexed so far. */
export function TagSearch(): React.JSX.Element {
  const { t } = useTranslation()
  const registryId = useCatalog((s) => s.registryId)
  const openRepository = useCatalog((s) => s.openRepository)
  const { query, progress, result, searching, error, setQuery, search, startIndex, cancelIndex } = useTagSearch()

  useEffect(() => {
    if (!registryId) return
    useTagSearch.getState().show(registryId)
    return () => useTagSearch.getState().hide()
  }, [registryId])

  const pct = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0
  return (
    <div className="tag-search" data-testid="tag-search">
      <form
        className="tag-search-form"
        onSubmit={(e) => {
          e.preventDefault()
          void search()
        }}
      >
        <input className="filter mono" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('tagSearch.placeholder')} aria-label={t('tagSearch.label')} />
        <button className="button small" type="submit" disabled={searching || !query.trim()}>
          {t('tagSearch.search')}
        </button>
        {progress && (
          <span className="muted tag-index" data-testid="tag-index-progress" data-running={progress.running ? 'true' : 'false'}>
            {progress.running ? (
              <>
                <progress max={100} value={pct} aria-label={t('tagSearch.indexingLabel')} /> {t('tagSearch.indexing', { count: progress.total, done: formatNumber(progress.done), total: formatNumber(progress.total) })}
                <button className="button small" type="button" onClick={() => void cancelIndex()}>
                  {t('common.cancel')}
                </button>
              </>
            ) : (
              <>
                {t('tagSearch.indexed', { count: progress.total, done: formatNumber(progress.done), total: formatNumber(progress.total) })}
                {progress.failed > 0 && <span className="error-text"> {t('tagSearch.failed', { count: progress.failed, failed: formatNumber(progress.failed) })}</span>}
                {progress.done < progress.total && (
                  <button className="button small" type="button" onClick={() => void startIndex()}>
                    {progress.cancelled ? t('tagSearch.resume') : t('tagSearch.index')}
                  </button>
                )}
              </>
            )}
          </span>
        )}
      </form>
      {error && <div className="error-text">{errorText(error)}</div>}
      {result && (
        <div className="tag-search-results" data-testid="tag-search-results">
          <div className="muted">
            {result.matches.length === 0
              ? t('tagSearch.none', { query: result.query })
              : t('tagSearch.found', { count: result.matches.length, found: `${formatNumber(result.matches.length)}${result.truncated ? '+' : ''}`, query: result.query })}
            {result.indexed < result.total && ` ${t('tagSearch.partial', { count: result.total, indexed: formatNumber(result.indexed), total: formatNumber(result.total) })}`}
          </div>
          <ul className="plain">
            {result.matches.slice(0, 200).map((m) => (
              <li key={m.repository} data-testid="tag-search-match">
                <button className="link-button mono" onClick={() => openRepository(m.repository, m.tags[0])}>
                  {m.repository}
                </button>{' '}
                <span className="muted mono">{m.tags.slice(0, 8).join(', ')}{m.tags.length > 8 ? ` … +${m.tags.length - 8}` : ''}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
