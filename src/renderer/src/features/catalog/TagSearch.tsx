import { useEffect } from 'react'
import { useCatalog } from './catalogStore'
import { useTagSearch } from './tagSearchStore'

const number = new Intl.NumberFormat('en')

/** "Which repositories have tag 1.8.0?": a search over the tag lists indexed so far. */
export function TagSearch(): React.JSX.Element {
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
        <input className="filter mono" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Tag or pattern, e.g. 1.8.0 or 1.8.*" aria-label="Search tags across repositories" />
        <button className="button small" type="submit" disabled={searching || !query.trim()}>
          Search
        </button>
        {progress && (
          <span className="muted tag-index" data-testid="tag-index-progress" data-running={progress.running ? 'true' : 'false'}>
            {progress.running ? (
              <>
                <progress max={100} value={pct} /> indexing tags: {number.format(progress.done)} of {number.format(progress.total)} repositories
                <button className="button small" type="button" onClick={() => void cancelIndex()}>
                  Cancel
                </button>
              </>
            ) : (
              <>
                tags indexed for {number.format(progress.done)} of {number.format(progress.total)} repositories
                {progress.failed > 0 && <span className="error-text"> ({number.format(progress.failed)} could not be read)</span>}
                {progress.done < progress.total && (
                  <button className="button small" type="button" onClick={() => void startIndex()}>
                    {progress.cancelled ? 'Resume indexing' : 'Index tags'}
                  </button>
                )}
              </>
            )}
          </span>
        )}
      </form>
      {error && <div className="error-text">{error}</div>}
      {result && (
        <div className="tag-search-results" data-testid="tag-search-results">
          <div className="muted">
            {result.matches.length === 0 ? `No repository has a tag matching “${result.query}”` : `${number.format(result.matches.length)}${result.truncated ? '+' : ''} ${result.matches.length === 1 ? 'repository has' : 'repositories have'} “${result.query}”`}
            {result.indexed < result.total && ` (searched ${number.format(result.indexed)} of ${number.format(result.total)} repositories so far)`}
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
