import { Trans, useTranslation } from 'react-i18next'
import { useEffect, useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { formatBytes, formatDuration, shortDigest } from '../../lib/format'
import { msgOr } from '../../lib/i18n'
import { useNav } from '../../app/navigation'
import { CopyButton } from './CopyButton'
import { useLocalRegistry } from './localRegistryStore'
import { stateDot, stateLabel } from './stateLabel'
import { HostPortInput, usePortText } from './HostPortInput'

/** Seconds since `startedAt`, ticking once a second. */
function useUptime(startedAt: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (startedAt === undefined) return
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [startedAt])
  return startedAt === undefined ? undefined : Math.max(0, (now - startedAt) / 1000)
}

export function StatusCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, start, stop, restart, setPort } = useLocalRegistry()
  const go = useNav((s) => s.go)
  const uptime = useUptime(status.startedAt)
  const port = usePortText()
  const [editingPort, setEditingPort] = useState(false)
  const running = status.state === 'running'

  return (
    <section className="lr-card" aria-label={t('local.status')}>
      <header className="lr-card-head">
        <span className={`dot ${stateDot(status)}`} aria-hidden />
        <h2 data-testid="local-registry-state" data-state={status.activity?.kind ?? status.state}>
          {stateLabel(t, status)}
        </h2>
        {status.activity?.transferId && (
          <button className="button small" onClick={() => go({ kind: 'transfers' })}>
            {t('local.seeProgress')}
          </button>
        )}
        <span className="spacer" />
        {status.state === 'stopped' && (
          <button className="button primary" disabled={Boolean(busy)} onClick={() => void start()}>
            {busy === 'start' ? t('local.starting') : t('local.startShort')}
          </button>
        )}
        {running && (
          <>
            <button className="button" disabled={Boolean(busy)} onClick={() => void restart()}>
              {busy === 'restart' ? t('local.restartingShort') : t('local.restart')}
            </button>
            <button className="button" disabled={Boolean(busy)} onClick={() => void stop()}>
              {busy === 'stop' ? t('local.stoppingShort') : t('local.stop')}
            </button>
          </>
        )}
      </header>

      {status.plainHttpRefused && (
        <div className="warning-box" role="alert" data-testid="local-registry-http-refused">
          <p>{msgOr(status.plainHttpRefused.msg, status.plainHttpRefused.message)}</p>
          <p>
            <Trans
              i18nKey="local.addLines"
              values={{ where: msgOr(status.plainHttpRefused.whereMsg, status.plainHttpRefused.where), restart: msgOr(status.plainHttpRefused.restartMsg, status.plainHttpRefused.restart) }}
              components={{ code: <code /> }}
            />
          </p>
          <pre className="snippet">{status.plainHttpRefused.snippet}</pre>
          <CopyButton text={status.plainHttpRefused.snippet} label={t('local.copyLines')} />
        </div>
      )}

      <dl className="kv lr-kv">
        <div className="kv-row">
          <dt>{t('local.address')}</dt>
          <dd className="lr-inline">
            <code data-testid="local-registry-address">{status.address}</code>
            <CopyButton text={status.address} />
            {!editingPort ? (
              <button className="button small" disabled={Boolean(busy)} onClick={() => (port.setText(String(status.port)), setEditingPort(true))}>
                {t('local.changePort')}
              </button>
            ) : (
              <form
                className="lr-inline"
                onSubmit={(e) => {
                  e.preventDefault()
                  if (port.valid) void setPort(port.port).then((ok) => ok && setEditingPort(false))
                }}
              >
                <HostPortInput value={port} />
                <button className="button small primary" type="submit" disabled={!port.valid || Boolean(busy)}>
                  {busy === 'port' ? t('local.moving') : t('local.usePort')}
                </button>
                <button className="button small" type="button" onClick={() => setEditingPort(false)}>
                  {t('common.cancel')}
                </button>
              </form>
            )}
          </dd>
        </div>
        {status.engineHost && (
          <div className="kv-row">
            <dt>{t('local.runsOn')}</dt>
            <dd data-testid="local-registry-engine-host">
              <Trans i18nKey="local.engineHostAt" values={{ host: status.engineHost, address: status.address }} components={{ code: <code /> }} />
            </dd>
          </div>
        )}
        <div className="kv-row">
          <dt>{t('local.reachableFrom')}</dt>
          <dd>
            {status.shared ? (
              <>
                {t('local.allInterfaces')} <span className="mono">{status.lanAddresses.join(', ') || t('local.noLan')}</span>
              </>
            ) : (
              t(status.engineHost ? 'local.engineMachine' : 'local.thisMachine')
            )}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('local.image')}</dt>
          <dd>
            <code>{status.image}</code> {status.imageId && <span className="muted mono">{shortDigest(status.imageId)}</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('local.container')}</dt>
          <dd>
            <code>{status.containerName}</code> {status.containerId && <span className="muted mono">{status.containerId.slice(0, 12)}</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('local.uptime')}</dt>
          <dd data-testid="local-registry-uptime">{running ? formatDuration(uptime) : status.exitCode !== undefined ? t('local.stoppedExit', { code: status.exitCode }) : '–'}</dd>
        </div>
        <div className="kv-row">
          <dt>{t('local.repositories')}</dt>
          <dd data-testid="local-registry-repositories">
            {status.repositories ?? (status.repositoriesError ? <span className="muted">{t('local.unknownReason', { reason: status.repositoriesError })}</span> : '–')}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('local.disk')}</dt>
          <dd data-testid="local-registry-disk">
            {status.volumeExists ? (status.volumeSize !== undefined ? formatBytes(status.volumeSize) : t('local.measuring')) : t('local.noData')}{' '}
            <span className="muted">
              {t('local.volume')} <code>{status.volumeName}</code>
            </span>
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('local.basicAuth')}</dt>
          <dd>{status.auth.enabled ? t('local.authOn', { user: status.auth.username }) : t('local.authOff')}</dd>
        </div>
      </dl>

      <h3 className="lr-subhead">{t('local.lastLogs')}</h3>
      <pre className="snippet lr-logs" tabIndex={0} aria-label={t('local.lastLogs')} data-testid="local-registry-logs">
        {status.logs.length ? status.logs.join('\n') : t('local.noLogs')}
      </pre>
    </section>
  )
}
