import { useTranslation } from 'react-i18next'
import { useEffect } from 'react'
import type { RegistryEntry } from '@shared/contract'
import { SchemeBadge } from '../../components/SchemeBadge'
import { useCatalog } from './catalogStore'
import { CatalogView } from './CatalogView'
import { RepositoryView } from './RepositoryView'
import type { PullAction } from './TagDetailsPane'
import { registryName } from '../../lib/registryName'

interface Props {
  registryId: string
  /** The registries store's entry (App passes it): undefined while loading or when it is gone. */
  entry: RegistryEntry | undefined
  /** The registries list has loaded: a missing entry is really missing. */
  listed: boolean
  pullAction?: PullAction
}

/** A registry's browser: its catalog, or one repository with its tags and a tag's details. */
export function RegistryPage({ registryId, entry, listed, pullAction }: Props): React.JSX.Element {
  const { t } = useTranslation()
  const repository = useCatalog((s) => s.repository)
  const openRepository = useCatalog((s) => s.openRepository)

  // Also runs when the entry is edited: the store lists the catalog again if the endpoint moved.
  useEffect(() => useCatalog.getState().open(registryId, entry), [registryId, entry])
  // Leaving the page stops a walk still running.
  useEffect(() => () => useCatalog.getState().leave(), [])

  if (listed && !entry) {
    return (
      <div className="page">
        <div className="catalog-problem" role="alert">
          <h2>{t('browse.registryNotFound')}</h2>
          <p>{t('browse.noSuchId', { id: registryId })}</p>
          <p className="muted">{t('browse.pickAnother')}</p>
        </div>
      </div>
    )
  }

  return (
    <div className="page registry-page" data-testid="registry-page">
      <header className="registry-header">
        <nav className="crumbs" aria-label={t('browse.breadcrumb')}>
          <button className={`crumb${repository ? '' : ' current'}`} onClick={() => openRepository(undefined)} aria-current={repository ? undefined : 'page'}>
            {entry ? registryName(entry) : t('push.registry')}
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
            {entry.managed && <span className="pill">{t('browse.berthsRegistry')}</span>}
            <SchemeBadge entry={entry} withMeaning />
          </span>
        )}
      </header>
      {repository ? <RepositoryView registryId={registryId} repository={repository} pullAction={pullAction} /> : <CatalogView />}
    </div>
  )
}
