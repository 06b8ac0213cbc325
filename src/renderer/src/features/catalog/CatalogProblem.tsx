import { isAuthError, type BerthError } from '@shared/contract'
import { intents } from '../../app/intents'
import { useCatalog } from './catalogStore'
import { OpenRepositoryForm } from './OpenRepositoryForm'
import { SignInForm } from './SignInForm'

/** What the catalog area shows when the catalog cannot be listed. */
export function CatalogProblem({ error, onRetry }: { error: BerthError; onRetry(): void }): React.JSX.Element {
  const address = useCatalog((s) => s.address)
  const registryId = useCatalog((s) => s.registryId)
  const opened = useCatalog((s) => s.opened)
  const openRepository = useCatalog((s) => s.openRepository)

  if (isAuthError(error) && address) {
    return (
      <div className="catalog-problem">
        <SignInForm address={address} error={error} onSignedIn={onRetry} />
      </div>
    )
  }
  if (error.code === 'CATALOG_UNSUPPORTED') {
    return (
      <div className="catalog-problem" data-testid="catalog-unsupported">
        <h2>This registry does not list its repositories</h2>
        <p className="muted">
          {error.message} Docker Hub, GitHub (ghcr.io) and most cloud registries never list them; others list them only to administrators. Open a repository by its name
          instead:
        </p>
        <OpenRepositoryForm />
        {opened.length > 0 && (
          <>
            <h3>Opened here</h3>
            <ul className="plain">
              {opened.map((r) => (
                <li key={r}>
                  <button className="link-button mono" onClick={() => openRepository(r)}>
                    {r}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    )
  }
  return (
    <div className="catalog-problem" role="alert">
      <h2>Cannot list the repositories</h2>
      <p>{error.message}</p>
      {error.hint && <p className="muted">{error.hint}</p>}
      <div className="details-actions">
        <button className="button primary" onClick={onRetry}>
          Try again
        </button>
        {registryId && (
          <button className="button" onClick={() => intents.checkConnection(registryId)}>
            Check connection
          </button>
        )}
      </div>
      <p className="muted">You can still open a repository by name:</p>
      <OpenRepositoryForm />
    </div>
  )
}
