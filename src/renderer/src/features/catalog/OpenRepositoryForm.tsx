import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import { isAuthError } from '@shared/contract'
import { FormProblem } from '../../components/FormProblem'
import { useSubmit } from '../../components/useSubmit'
import { useCatalog } from './catalogStore'
import { SignInForm } from './SignInForm'

/** Opens a repository by name: the way in for registries that refuse to list their catalog. */
export function OpenRepositoryForm({ compact }: { compact?: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const registryId = useCatalog((s) => s.registryId)
  const address = useCatalog((s) => s.address)
  const [name, setName] = useState('')
  const { busy, problem: error, run } = useSubmit()

  const open = async (): Promise<void> => {
    if (!registryId || !name.trim()) return
    await run(async () => {
      await useCatalog.getState().openByName(name)
      setName('')
    })
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
      {error && !isAuthError(error) && <FormProblem problem={error} hint />}
      {error && isAuthError(error) && address && <SignInForm address={address} error={error} onSignedIn={() => void open()} />}
    </div>
  )
}
