import { Trans, useTranslation } from 'react-i18next'
import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { useLocalRegistry } from './localRegistryStore'

/** No registry yet: what Start will do, the port, and the button. */
export function StartPanel({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, start } = useLocalRegistry()
  const [port, setPort] = useState(String(status.port))
  const portNumber = Number(port)
  const portValid = Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536

  return (
    <section className="lr-card lr-hero" aria-label={t('local.startLabel')}>
      <h2>{t('local.heroTitle')}</h2>
      <p className="muted">
        <Trans i18nKey="local.heroExplain" values={{ image: status.image, container: status.containerName, volume: status.volumeName }} components={{ code: <code /> }} />
      </p>
      <form
        className="lr-inline"
        onSubmit={(e) => {
          e.preventDefault()
          if (portValid) void start({ port: portNumber })
        }}
      >
        <label className="lr-inline">
          <span className="muted">{t('local.hostPort')}</span>
          <input type="number" className="lr-port" aria-label={t('local.hostPort')} min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} aria-invalid={!portValid} />
        </label>
        <button type="submit" className="button primary" disabled={!portValid || busy === 'start' || busy === 'load'} data-testid="start-local-registry-page">
          {busy === 'start' ? t('local.starting') : t('local.start')}
        </button>
      </form>
      {status.volumeExists && <p className="muted">{t('local.volumeHasData')}</p>}
    </section>
  )
}
