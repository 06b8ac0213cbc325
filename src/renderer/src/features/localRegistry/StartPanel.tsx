import { Trans, useTranslation } from 'react-i18next'
import type { LocalRegistryStatus } from '@shared/contract'
import { useLocalRegistry } from './localRegistryStore'
import { HostPortInput, usePortText } from './HostPortInput'

/** No registry yet: what Start will do, the port, and the button. */
export function StartPanel({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, start } = useLocalRegistry()
  const port = usePortText(String(status.port))

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
          if (port.valid) void start({ port: port.port })
        }}
      >
        <label className="lr-inline">
          <span className="muted">{t('local.hostPort')}</span>
          <HostPortInput value={port} />
        </label>
        <button type="submit" className="button primary" disabled={!port.valid || busy === 'start' || busy === 'load'} data-testid="start-local-registry-page">
          {busy === 'start' ? t('local.starting') : t('local.start')}
        </button>
      </form>
      {status.volumeExists && <p className="muted">{t('local.volumeHasData')}</p>}
    </section>
  )
}
