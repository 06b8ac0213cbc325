import { useTranslation } from 'react-i18next'
import { isAuthError, type BerthError } from '@shared/contract'
import { intents } from '../../app/intents'
import { errorText } from '../../lib/i18n'
import { useCatalog } from './catalogStore'
import { OpenRepositoryForm } from './OpenRepositoryForm'
import { SignInForm } from './SignInForm'
import { ErrorLines } from '../../components/ErrorPanel'

/** What the catalog area shows when the catalog cannot be listed. */
export function CatalogProblem({ error, onRetry }: { error: BerthError; onRetry(): void }): React.JSX.Element {
  const { t } = useTranslation()
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
        <h2>{t('browse.noCatalogTitle')}</h2>
        <p className="muted">
          {errorText(error)} {t('browse.noCatalogExplain')}
        </p>
        <OpenRepositoryForm />
        {opened.length > 0 && (
          <>
            <h3>{t('browse.openedHere')}</h3>
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
      <h2>{t('browse.cannotList')}</h2>
      <ErrorLines error={error} />
      <div className="details-actions">
        <button className="button primary" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
        {registryId && (
          <button className="button" onClick={() => intents.checkConnection(registryId)}>
            {t('registry.checkConnection')}
          </button>
        )}
      </div>
      <p className="muted">{t('browse.stillOpen')}</p>
      <OpenRepositoryForm />
    </div>
  )
}
