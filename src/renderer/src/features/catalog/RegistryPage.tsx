import { useEffect } from 'react'
import { api } from '../../lib/api'
import { useCatalog } from './catalogStore'
import { CatalogView } from './CatalogView'
import { RepositoryView } from './RepositoryView'

/** A registry's browser: its catalog, or one repository with its tags and a tag's details. */
export function RegistryPage({ registryId }: { registryId: string }): React.JSX.Element {
  const entry = useCatalog((s) => s.entry)
  const entryError = useCatalog((s) => s.entryError)
  const repository = useCatalog((s) => s.repository)
  const openRepository = useCatalog((s) => s.openRepository)

  useEffect(() => useCatalog.getState().open(registryId), [registryId])
  // An edited entry (address, scheme, TLS) means another registry: list it again.
  useEffect(
    () =>
      api.on('registries.changed', (list) => {
        const s = useCatalog.getState()
        const now = list.find((r) => r.id === s.registryId)
        const was = s.entry
        if (now && was && (now.address !== was.address || now.scheme !== was.scheme || now.caFile !== was.caFile || now.insecureSkipVerify !== was.insecureSkipVerify)) s.reload()
        else if (now) useCatalog.setState({ entry: now })
      }),
    []
  )

  if (entryError) {
    return (
      <div className="page">
        <div className="catalog-problem" role="alert">
          <h2>Registry not found</h2>
          <p>{entryError.message}</p>
          {entryError.hint && <p className="muted">{entryError.hint}</p>}
        </div>
      </div>
    )
  }

  return (
    <div className="page registry-page" data-testid="registry-page">
      <header className="registry-header">
        <nav className="crumbs" aria-label="Breadcrumb">
          <button className={`crumb${repository ? '' : ' current'}`} onClick={() => openRepository(undefined)} aria-current={repository ? undefined : 'page'}>
            {entry?.name ?? 'Registry'}
          </button>
          {repository && (
            <>
              <span className="crumb-sep">/</span>
              <span className="crumb current mono" aria-current="page">
                {repository}
              </span>
            </>
          )}
        </nav>
        {entry && (
          <span className="muted registry-address">
            {entry.scheme}://{entry.address}
            {entry.managed && <span className="pill">Berth’s registry</span>}
          </span>
        )}
      </header>
      {repository ? <RepositoryView registryId={registryId} repository={repository} /> : <CatalogView />}
    </div>
  )
}
