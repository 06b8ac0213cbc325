import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import { isAuthError, toBerthError, type BerthError } from '@shared/contract'
import { errorHint, errorText } from '../../lib/i18n'
import { useCatalog } from './catalogStore'
import { SignInForm } from './SignInForm'

/** Opens a repository by name: the way in for registries that refuse to list their catalog. */
export function OpenRepositoryForm({ compact }: { compact?: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const registryId = useCatalog((s) => s.registryId)
  const address = useCatalog((s) => s.address)
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<BerthError>()

  const open = async (): Promise<void> => {
    if (!registryId || !name.trim()) return
    setBusy(true)
    setError(undefined)
    try {
      await useCatalog.getState().openByName(name)
      setName('')
    } catch (e) {
      setError(toBerthError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={compact ? 'open-repo compact' : 'open-repo'}>
      <form
        className="open-repo-form"
        onSubmit={(e) => {
          e.preventDefault()
          void open()
        }}
      >
        <input
          type="text"
          className="filter"
          placeholder={compact ? t('browse.openByNamePlaceholder') : t('browse.openPlaceholder')}
          aria-label={t('browse.repositoryName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error && !isAuthError(error) ? 'true' : undefined}
        />
        <button type="submit" className="button" disabled={busy || !name.trim()}>
          {busy ? t('browse.opening') : t('browse.open')}
        </button>
      </form>
      {error && !isAuthError(error) && (
        <p className="feedback error" role="alert">
          {errorText(error)} {errorHint(error) && <span className="muted">{errorHint(error)}</span>}
        </p>
      )}
      {error && isAuthError(error) && address && <SignInForm address={address} error={error} onSignedIn={() => void open()} />}
    </div>
  )
}
