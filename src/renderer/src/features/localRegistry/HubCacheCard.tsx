import { useEffect, useState } from 'react'
import { Trans, useTranslation } from 'react-i18next'
import { HUB_CACHE_DEFAULT_PORT, upstreamError, type HubCacheStatus } from '@shared/contract'
import { isValidPort, MAX_PORT, MIN_PORT } from '@shared/port'
import { basicAuthUser } from '@shared/contract/fields'
import { msgOr, schemaProblem, tMsg } from '../../lib/i18n'
import { ErrorPanel } from '../../components/ErrorPanel'
import { CopyButton } from './CopyButton'
import { useHubCache } from './hubCacheStore'

/** A second registry:2 in proxy mode: Docker Hub (or a mirror) cached on this machine. */
export function HubCacheCard(): React.JSX.Element {
  const { t } = useTranslation()
  const { status, busy, problem, refresh } = useHubCache()
  useEffect(() => void refresh(), [refresh])
  const running = status?.state === 'running' || status?.state === 'restarting'
  return (
    <section className="lr-card" aria-label={t('hubCache.title')} data-testid="hub-cache">
      <header className="lr-card-head">
        <h2>{t('hubCache.title')}</h2>
        <span className="spacer" />
        {status && (
          <span className="muted" data-testid="hub-cache-state">
            {status.activity ? msgOr(status.activityMsg, status.activity) : t(`hubCache.state.${status.state}`)}
          </span>
        )}
      </header>
      <p className="muted">{t('hubCache.explain')}</p>
      {problem && <ErrorPanel error={problem} testId="hub-cache-error" />}
      {!status ? <div className="muted">{t('common.loading')}</div> : running ? <Running status={status} /> : <StartForm status={status} busy={Boolean(busy)} />}
    </section>
  )
}

function Running({ status }: { status: HubCacheStatus }): React.JSX.Element {
  const { t } = useTranslation()
  const { busy, stop, remove } = useHubCache()
  return (
    <>
      <dl className="kv lr-kv">
        <div className="kv-row">
          <dt>{t('local.address')}</dt>
          <dd className="mono" data-testid="hub-cache-address">
            {status.address}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('hubCache.upstream')}</dt>
          <dd className="mono" data-testid="hub-cache-upstream">
            {status.upstream}
            {status.username ? t('hubCache.asUser', { user: status.username }) : ''}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('hubCache.pushes')}</dt>
          <dd data-testid="hub-cache-readonly">{t('hubCache.pushesRefused')}</dd>
        </div>
      </dl>
      <MirrorLine status={status} />
      <div className="lr-inline">
        <button type="button" className="button" disabled={Boolean(busy)} onClick={() => void stop()}>
          {busy === 'stop' ? t('local.stoppingShort') : t('hubCache.stop')}
        </button>
        <button type="button" className="button danger" disabled={Boolean(busy)} onClick={() => void remove(false)} title={t('hubCache.removeContainerTitle')}>
          {t('hubCache.removeContainer')}
        </button>
      </div>
    </>
  )
}

/** The engine's registry-mirrors line, for the engine in use, and where it goes. */
function MirrorLine({ status }: { status: HubCacheStatus }): React.JSX.Element | null {
  const { t } = useTranslation()
  const m = status.mirrorSetting
  if (!m) return null
  return (
    <div data-testid="hub-cache-mirror">
      {status.engineUsesIt ? (
        <p data-testid="hub-cache-in-use">{t('hubCache.inUse')}</p>
      ) : (
        <p>
          <Trans
            i18nKey={m.engine === 'podman' ? 'hubCache.useItPodman' : 'hubCache.useItDocker'}
            values={{ where: msgOr(m.whereMsg, m.where), restart: msgOr(m.restartMsg, m.restart) }}
            components={{ code: <code /> }}
          />
        </p>
      )}
      <div className="lr-snippet">
        <pre className="snippet" data-testid="hub-cache-mirror-snippet">
          {m.snippet}
        </pre>
        <CopyButton text={m.snippet} label={t('local.copyLines')} />
      </div>
    </div>
  )
}

function StartForm({ status, busy }: { status: HubCacheStatus; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const { start, remove } = useHubCache()
  const hub = status.upstream === 'https://registry-1.docker.io'
  const [upstream, setUpstream] = useState(hub ? '' : status.upstream)
  const [port, setPort] = useState(String(status.port || HUB_CACHE_DEFAULT_PORT))
  const [username, setUsername] = useState(status.username ?? '')
  const [password, setPassword] = useState('')
  const upstreamProblem = upstreamError(upstream)
  // The user name (trimmed, as it is sent) by the rule main checks it with; left empty, the cache signs in to nobody.
  const userProblem = username.trim() ? schemaProblem(basicAuthUser, username.trim()) : null
  const problem = upstreamProblem ? tMsg(upstreamProblem) : !isValidPort(port) ? t('errors.input.port', { min: MIN_PORT, max: MAX_PORT }) : userProblem
  const submit = (): void => {
    if (problem) return
    const login = username.trim() ? { username: username.trim(), ...(password ? { password } : {}) } : null
    void start({ port: Number(port), upstream: upstream.trim(), login })
  }
  return (
    <form
      className="lr-form"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label className="field">
        <span>{t('hubCache.upstreamExplain')}</span>
        <input type="text" className="mono" aria-label={t('hubCache.upstreamLabel')} value={upstream} onChange={(e) => setUpstream(e.target.value)} placeholder={t('hubCache.upstreamPlaceholder')} spellCheck={false} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t('hubCache.port')}</span>
          <input type="text" inputMode="numeric" aria-label={t('hubCache.portLabel')} value={port} onChange={(e) => setPort(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('hubCache.user')}</span>
          <input type="text" aria-label={t('hubCache.userLabel')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>{status.username ? t('hubCache.passwordKeep') : t('hubCache.password')}</span>
          <input type="password" aria-label={t('hubCache.passwordLabel')} value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
      </div>
      {problem && (
        <div className="feedback error" data-testid="hub-cache-check">
          {problem}
        </div>
      )}
      <div className="lr-inline">
        <button type="submit" className="button primary" disabled={busy || Boolean(problem)}>
          {busy ? t('local.starting') : status.state === 'stopped' ? t('hubCache.start') : t('hubCache.create')}
        </button>
        {status.state !== 'absent' && (
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove(true)}>
            {t('hubCache.removeAll')}
          </button>
        )}
      </div>
    </form>
  )
}
