import { useTranslation } from 'react-i18next'
import { useEffect, useState } from 'react'
import type { BerthError } from '@shared/contract'
import { CredentialsFields, StorageNote } from '../../components/CredentialsFields'
import { FormProblem } from '../../components/FormProblem'
import { useSubmit } from '../../components/useSubmit'
import { errorHint, errorText } from '../../lib/i18n'
import { useCatalog } from './catalogStore'

interface Props {
  /** host[:port] of the registry. */
  address: string
  /** The AUTH_REQUIRED / AUTH_DENIED answer that brought the form up. */
  error: BerthError
  /** Called after the credentials were saved: retry what failed. */
  onSignedIn(): void
}

/** The password goes to main (credentials.set) and never comes back: the renderer only learns how it is kept. */
export function SignInForm({ address, error, onSignedIn }: Props): React.JSX.Element {
  const { t } = useTranslation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const { busy, problem, run } = useSubmit()
  const [protection, setProtection] = useState<string>()

  useEffect(() => {
    let live = true
    void useCatalog
      .getState()
      .credentialStatus()
      .then((s) => {
        if (!live || !s) return
        setProtection(s.protection)
        if (s.username) setUsername((u) => u || (s.username ?? ''))
      })
    return () => {
      live = false
    }
  }, [address])

  const submit = (): Promise<void> =>
    run(async () => {
      await useCatalog.getState().signIn(username, password)
      setPassword('')
      onSignedIn()
    })

  return (
    <form
      className="sign-in"
      aria-label={t('credentials.signInTo', { registry: address })}
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <h2>{t('credentials.signInTo', { registry: address })}</h2>
      <p className="muted">{errorText(error)}</p>
      {error.code === 'AUTH_DENIED' && <p className="muted">{errorHint(error)}</p>}
      <CredentialsFields username={username} password={password} onUsername={setUsername} onPassword={setPassword} />
      <StorageNote info={protection === undefined ? undefined : { protection }} />
      <FormProblem problem={problem} />
      <div className="details-actions">
        <button type="submit" className="button primary" disabled={busy || !username.trim() || !password}>
          {busy ? t('signIn.signingIn') : t('signIn.signInRetry')}
        </button>
        {/* Credentials may also come from `docker login` or the registry's settings: just look again. */}
        <button type="button" className="button" onClick={onSignedIn} title={t('signIn.tryAgainHint')}>
          {t('common.tryAgain')}
        </button>
      </div>
    </form>
  )
}
