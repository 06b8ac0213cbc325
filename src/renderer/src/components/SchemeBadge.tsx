import './schemeBadge.css'
import type { RegistryEntry } from '@shared/contract'

/** What plain HTTP means for this registry, in one line. */
export const HTTP_MEANING = 'Plain HTTP: no encryption. The engine pushes to it only when it is on 127.0.0.0/8 or listed in its insecure-registries.'

/** The HTTP badge of a plain-HTTP registry (sidebar row and registry header); nothing for HTTPS. */
export function SchemeBadge({ entry, withMeaning }: { entry: Pick<RegistryEntry, 'scheme'>; withMeaning?: boolean }): React.JSX.Element | null {
  if (entry.scheme !== 'http') return null
  return (
    <>
      <span className="pill pill-http" title={HTTP_MEANING} data-testid="http-badge">
        HTTP
      </span>
      {withMeaning && (
        <span className="muted http-meaning" data-testid="http-meaning">
          {HTTP_MEANING}
        </span>
      )}
    </>
  )
}
