import { Trans, useTranslation } from 'react-i18next'
import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { CopyButton } from './CopyButton'
import { useLocalRegistry } from './localRegistryStore'

/** The LAN switch, and what other machines need to use the registry. */
export function ShareCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, setShared } = useLocalRegistry()
  const [confirming, setConfirming] = useState(false)
  const first = status.lanAddresses[0] ?? `${t('share.thisMachineIp')}:${status.port}`
  const open = status.shared && !status.auth.enabled
  const toggle = (on: boolean): void => {
    // Without basic auth, sharing waits for an explicit yes (main refuses it otherwise).
    if (on && !status.auth.enabled) return setConfirming(true)
    void setShared(on)
  }
  return (
    <section className={`lr-card${open ? ' lr-open' : ''}`} aria-label={t('share.title')}>
      <header className="lr-card-head">
        <h2>{t('share.title')}</h2>
        <span className="spacer" />
        <label className="lr-switch">
          <input
            type="checkbox"
            role="switch"
            aria-label={t('share.title')}
            checked={status.shared}
            disabled={Boolean(busy) || status.state === 'absent'}
            onChange={(e) => toggle(e.target.checked)}
          />
          <span>{busy === 'share' ? t('common.recreating') : status.shared ? t('common.on') : t('common.off')}</span>
        </label>
      </header>
      {confirming && !status.shared && (
        <div className="lr-danger" role="alertdialog" aria-label={t('share.confirmLabel')}>
          <p>
            <Trans i18nKey="share.confirmText" components={{ strong: <strong /> }} />
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
              {t('share.shareOpen')}
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {open && (
        <p className="lr-danger" role="alert" data-testid="open-share-warning">
          {t('share.openWarning')}
        </p>
      )}
      {!status.shared ? (
        <p className="muted">{t('share.offExplain')}</p>
      ) : (
        <>
          <p>{t('share.reachAt')}</p>
          <ul className="plain mono" data-testid="lan-addresses">
            {status.lanAddresses.length ? status.lanAddresses.map((a) => <li key={a}>{a}</li>) : <li className="muted">{t('share.noLan')}</li>}
          </ul>
          <p>
            <Trans i18nKey="share.insecureExplain" components={{ code: <code /> }} />
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
            <Trans i18nKey="share.then" values={{ command: `docker push ${first}/team/app:1.0`, port: status.port }} components={{ code: <code /> }} />
          </p>
          <details>
            <summary>{t('share.tlsQuestion')}</summary>
            <p className="muted">
              <Trans i18nKey="share.tlsExplain" values={{ port: status.port, path: `/etc/docker/certs.d/${first}/ca.crt` }} components={{ code: <code /> }} />
            </p>
          </details>
        </>
      )}
    </section>
  )
}
