import './schemeBadge.css'
import { useTranslation } from 'react-i18next'
import type { RegistryEntry } from '@shared/contract'

/** The HTTP badge of a plain-HTTP registry (sidebar row and registry header); nothing for HTTPS. */
export function SchemeBadge({ entry, withMeaning }: { entry: Pick<RegistryEntry, 'scheme'>; withMeaning?: boolean }): React.JSX.Element | null {
  const { t } = useTranslation()
  if (entry.scheme !== 'http') return null
  // What plain HTTP means for this registry, in one line.
  const meaning = t('registry.httpMeaning')
  return (
    <>
      <span className="pill pill-http" title={meaning} data-testid="http-badge">
        HTTP
      </span>
      {withMeaning && (
        <span className="muted http-meaning" data-testid="http-meaning">
          {meaning}
        </span>
      )}
    </>
  )
}
