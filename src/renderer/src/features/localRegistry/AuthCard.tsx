import { useState } from 'react'
import { OPEN_SHARE_WARNING, type LocalRegistryStatus } from '@shared/contract'
import { useLocalRegistry } from './localRegistryStore'

/** Optional htpasswd basic auth; the hash goes to the volume, the login to Berth's credential store. */
export function AuthCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { busy, enableAuth, disableAuth } = useLocalRegistry()
  const [editing, setEditing] = useState(false)
  const [username, setUsername] = useState(status.auth.username ?? '')
  const [password, setPassword] = useState('')
  const userValid = /^[^:\s]+$/.test(username)
  const showForm = !status.auth.enabled || editing

  return (
    <section className="lr-card" aria-label="Basic auth">
      <header className="lr-card-head">
        <h2>Basic auth</h2>
        <span className="spacer" />
        {status.auth.enabled && !editing && (
          <>
            <button className="button small" disabled={Boolean(busy)} onClick={() => setEditing(true)}>
              Change password
            </button>
            <button
              className="button small danger"
              disabled={Boolean(busy)}
              // While shared, turning auth off opens the registry to the network: the button says so and that click is the yes.
              onClick={() => void disableAuth(status.shared)}
              title={status.shared ? `Shared on the network: ${OPEN_SHARE_WARNING}` : undefined}
            >
              {status.shared ? 'Turn off (open to the network)' : 'Turn off'}
            </button>
          </>
        )}
      </header>
      <p className="lr-warning" role="note">
        ⚠ Basic auth over plain HTTP sends the password in clear text: anyone who can watch the network between a client and this machine can read it. It keeps out
        casual pushes, not an attacker; add TLS for real protection.
      </p>
      {status.auth.enabled && !editing && (
        <p>
          On for user <strong>{status.auth.username}</strong>. Berth keeps this login in its credential store, so its own pushes keep working; other machines run{' '}
          <code>docker login {status.shared ? (status.lanAddresses[0] ?? status.address) : status.address}</code>.
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
          <input type="text" aria-label="User name" placeholder="user" autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={username !== '' && !userValid} />
          <input type="password" aria-label="Password" placeholder="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" className="button primary" disabled={!userValid || !password || Boolean(busy) || status.state === 'absent'}>
            {busy === 'auth' ? 'Re-creating…' : status.auth.enabled ? 'Set password' : 'Turn on basic auth'}
          </button>
          {editing && (
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          )}
        </form>
      )}
    </section>
  )
}
