import { useState } from 'react'
import { OPEN_SHARE_WARNING, type LocalRegistryStatus } from '@shared/contract'
import { CopyButton } from './CopyButton'
import { useLocalRegistry } from './localRegistryStore'

/** The LAN switch, and what other machines need to use the registry. */
export function ShareCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { busy, setShared } = useLocalRegistry()
  const [confirming, setConfirming] = useState(false)
  const first = status.lanAddresses[0] ?? `<this machine's IP>:${status.port}`
  const open = status.shared && !status.auth.enabled
  const toggle = (on: boolean): void => {
    // Without basic auth, sharing waits for an explicit yes (main refuses it otherwise).
    if (on && !status.auth.enabled) return setConfirming(true)
    void setShared(on)
  }
  return (
    <section className={`lr-card${open ? ' lr-open' : ''}`} aria-label="Share on the local network">
      <header className="lr-card-head">
        <h2>Share on the local network</h2>
        <span className="spacer" />
        <label className="lr-switch">
          <input
            type="checkbox"
            role="switch"
            aria-label="Share on the local network"
            checked={status.shared}
            disabled={Boolean(busy) || status.state === 'absent'}
            onChange={(e) => toggle(e.target.checked)}
          />
          <span>{busy === 'share' ? 'Re-creating…' : status.shared ? 'On' : 'Off'}</span>
        </label>
      </header>
      {confirming && !status.shared && (
        <div className="lr-danger" role="alertdialog" aria-label="Share without a password?">
          <p>
            Basic auth is off: once shared, <strong>{OPEN_SHARE_WARNING}</strong> Turn on basic auth below first, or share it open.
          </p>
          <div className="lr-inline">
            <button
              type="button"
              className="button danger"
              onClick={() => {
                setConfirming(false)
                void setShared(true, true)
              }}
            >
              Share without a password
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {open && (
        <p className="lr-danger" role="alert" data-testid="open-share-warning">
          Open to your whole network: {OPEN_SHARE_WARNING} Turn on basic auth below, or stop sharing.
        </p>
      )}
      {!status.shared ? (
        <p className="muted">
          Only this machine can reach the registry (bound to 127.0.0.1). Sharing re-creates the container bound to all interfaces; the volume and every image in
          it stay.
        </p>
      ) : (
        <>
          <p>Other machines reach it at:</p>
          <ul className="plain mono" data-testid="lan-addresses">
            {status.lanAddresses.length ? status.lanAddresses.map((a) => <li key={a}>{a}</li>) : <li className="muted">No LAN address found on this machine.</li>}
          </ul>
          <p>
            Their engines refuse plain HTTP to anything but localhost. On each machine, add this to <code>/etc/docker/daemon.json</code> (Docker Desktop: Settings →
            Docker Engine), merging with what is there, then restart the engine:
          </p>
          {status.insecureRegistriesSnippet && (
            <div className="lr-snippet">
              <pre className="snippet" data-testid="insecure-snippet">
                {status.insecureRegistriesSnippet}
              </pre>
              <CopyButton text={status.insecureRegistriesSnippet} />
            </div>
          )}
          <p className="muted">
            Then: <code>docker push {first}/team/app:1.0</code>. A firewall on this machine may still need port {status.port} opened.
          </p>
          <details>
            <summary>Prefer TLS (no insecure-registries entry)?</summary>
            <p className="muted">
              Put a TLS-terminating proxy with a certificate for this machine’s name in front of port {status.port} (e.g. Caddy or nginx), or run the registry with
              REGISTRY_HTTP_TLS_CERTIFICATE and REGISTRY_HTTP_TLS_KEY. Each client then trusts the CA by copying it to{' '}
              <code>/etc/docker/certs.d/{first}/ca.crt</code> — no engine restart needed.
            </p>
          </details>
        </>
      )}
    </section>
  )
}
