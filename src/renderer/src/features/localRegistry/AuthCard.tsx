import { Trans, useTranslation } from 'react-i18next'
import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { basicAuthUser } from '@shared/contract/fields'
import { schemaProblem } from '../../lib/i18n'
import { useLocalRegistry } from './localRegistryStore'

/** Optional htpasswd basic auth; the hash goes to the volume, the login to Berth's credential store. */
export function AuthCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, enableAuth, disableAuth } = useLocalRegistry()
  const [editing, setEditing] = useState(false)
  const [username, setUsername] = useState(status.auth.username ?? '')
  const [password, setPassword] = useState('')
  // The rule main checks the name with (htpasswd and the Authorization header split on ':').
  const userProblem = username === '' ? null : schemaProblem(basicAuthUser, username)
  const userValid = username !== '' && !userProblem
  const showForm = !status.auth.enabled || editing

  return (
    <section className="lr-card" aria-label={t('local.basicAuth')}>
      <header className="lr-card-head">
        <h2>{t('local.basicAuth')}</h2>
        <span className="spacer" />
        {status.auth.enabled && !editing && (
          <>
            <button className="button small" disabled={Boolean(busy)} onClick={() => setEditing(true)}>
              {t('auth.changePassword')}
            </button>
            <button
              className="button small danger"
              disabled={Boolean(busy)}
              // While shared, turning auth off opens the registry to the network: the button says so and that click is the yes.
              onClick={() => void disableAuth(status.shared)}
              title={status.shared ? t('auth.sharedWarning') : undefined}
            >
              {status.shared ? t('auth.turnOffOpen') : t('auth.turnOff')}
            </button>
          </>
        )}
      </header>
      <p className="lr-warning" role="note">
        {t('auth.warning')}
      </p>
      {status.auth.enabled && !editing && (
        <p>
          <Trans
            i18nKey="auth.onFor"
            values={{ user: status.auth.username, command: `docker login ${status.shared ? (status.lanAddresses[0] ?? status.address) : status.address}` }}
            components={{ strong: <strong />, code: <code /> }}
          />
        </p>
      )}
      {showForm && (
        <form
          className="lr-inline"
          onSubmit={(e) => {
            e.preventDefault()
            if (!userValid || !password) return
            void enableAuth(username, password).then((ok) => {
              if (!ok) return
              setPassword('')
              setEditing(false)
            })
          }}
        >
          <input type="text" aria-label={t('credentials.user')} placeholder={t('auth.userPlaceholder')} autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={Boolean(userProblem)} />
          <input type="password" aria-label={t('auth.password')} placeholder={t('auth.passwordPlaceholder')} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" className="button primary" disabled={!userValid || !password || Boolean(busy) || status.state === 'absent'}>
            {busy === 'auth' ? t('common.recreating') : status.auth.enabled ? t('auth.setPassword') : t('auth.turnOn')}
          </button>
          {editing && (
            <button type="button" className="button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          )}
        </form>
      )}
      {showForm && userProblem && (
        <p className="feedback error" data-testid="auth-user-problem">
          {userProblem}
        </p>
      )}
    </section>
  )
}
