import { useState } from 'react'
import type { BerthError } from '@shared/contract'
import { api } from '../../lib/api'
import { useCatalog } from './catalogStore'
import { asBerthError, needsSignIn } from './errors'
import { useRepository } from './repositoryStore'
import { SignInForm } from './SignInForm'

/** Opens a repository by name: the way in for registries that refuse to list their catalog. */
export function OpenRepositoryForm({ compact }: { compact?: boolean }): React.JSX.Element {
  const registryId = useCatalog((s) => s.registryId)
  const address = useCatalog((s) => s.entry?.address)
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<BerthError>()

  const open = async (): Promise<void> => {
    if (!registryId || !name.trim()) return
    setBusy(true)
    setError(undefined)
    try {
      const result = await api.call('browse.openRepository', { registryId, repository: name })
      useRepository.getState().show(registryId, result)
      useCatalog.getState().openRepository(result.repository, result.tag)
      setName('')
    } catch (e) {
      setError(asBerthError(e))
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
          placeholder={compact ? 'Open repository by name…' : 'team/app or team/app:1.0'}
          aria-label="Repository name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error && !needsSignIn(error) ? 'true' : undefined}
        />
        <button type="submit" className="button" disabled={busy || !name.trim()}>
          {busy ? 'Opening…' : 'Open'}
        </button>
      </form>
      {error && !needsSignIn(error) && (
        <p className="feedback error" role="alert">
          {error.message} {error.hint && <span className="muted">{error.hint}</span>}
        </p>
      )}
      {error && needsSignIn(error) && address && <SignInForm address={address} error={error} onSignedIn={() => void open()} />}
    </div>
  )
}
