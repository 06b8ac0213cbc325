import { useEffect, useState } from 'react'
import { HUB_CACHE_DEFAULT_PORT, HUB_CACHE_READ_ONLY, upstreamError, type HubCacheStatus } from '@shared/contract'
import { isValidPort } from '@shared/port'
import { ErrorPanel } from '../../components/ErrorPanel'
import { CopyButton } from './CopyButton'
import { useHubCache } from './hubCacheStore'

/** A second registry:2 in proxy mode: Docker Hub (or a mirror) cached on this machine. */
export function HubCacheCard(): React.JSX.Element {
  const { status, busy, problem, refresh } = useHubCache()
  useEffect(() => void refresh(), [refresh])
  const running = status?.state === 'running' || status?.state === 'restarting'
  return (
    <section className="lr-card" aria-label="Docker Hub cache" data-testid="hub-cache">
      <header className="lr-card-head">
        <h2>Docker Hub cache</h2>
        <span className="spacer" />
        {status && (
          <span className="muted" data-testid="hub-cache-state">
            {status.activity ?? (status.state === 'absent' ? 'not created' : status.state)}
          </span>
        )}
      </header>
      <p className="muted">
        A second registry:2 in proxy mode on its own port and volume: the first pull of an image fetches it from the upstream, every later pull is served from here. It
        refuses pushes: {HUB_CACHE_READ_ONLY}.
      </p>
      {problem && <ErrorPanel error={problem} testId="hub-cache-error" />}
      {!status ? <div className="muted">Loading…</div> : running ? <Running status={status} /> : <StartForm status={status} busy={Boolean(busy)} />}
    </section>
  )
}

function Running({ status }: { status: HubCacheStatus }): React.JSX.Element {
  const { busy, stop, remove } = useHubCache()
  return (
    <>
      <dl className="kv lr-kv">
        <div className="kv-row">
          <dt>Address</dt>
          <dd className="mono" data-testid="hub-cache-address">
            {status.address}
          </dd>
        </div>
        <div className="kv-row">
          <dt>Upstream</dt>
          <dd className="mono" data-testid="hub-cache-upstream">
            {status.upstream}
            {status.username ? ` (as ${status.username})` : ''}
          </dd>
        </div>
        <div className="kv-row">
          <dt>Pushes</dt>
          <dd data-testid="hub-cache-readonly">refused: a proxy registry only serves what it pulls</dd>
        </div>
      </dl>
      <MirrorLine status={status} />
      <div className="lr-inline">
        <button type="button" className="button" disabled={Boolean(busy)} onClick={() => void stop()}>
          {busy === 'stop' ? 'Stopping…' : 'Stop cache'}
        </button>
        <button type="button" className="button danger" disabled={Boolean(busy)} onClick={() => void remove(false)} title="The cached images stay in the volume">
          Remove container
        </button>
      </div>
    </>
  )
}

/** The engine's registry-mirrors line, for the engine in use, and where it goes. */
function MirrorLine({ status }: { status: HubCacheStatus }): React.JSX.Element | null {
  const m = status.mirrorSetting
  if (!m) return null
  return (
    <div data-testid="hub-cache-mirror">
      {status.engineUsesIt ? (
        <p data-testid="hub-cache-in-use">The engine already pulls Docker Hub images through this cache.</p>
      ) : (
        <p>
          To make the engine pull Docker Hub images through it, add this to <code>{m.where}</code>
          {m.engine === 'podman' ? ' (Podman: a mirror of docker.io)' : ' (Docker: registry-mirrors)'}, then {m.restart.charAt(0).toLowerCase() + m.restart.slice(1)}
        </p>
      )}
      <div className="lr-snippet">
        <pre className="snippet" data-testid="hub-cache-mirror-snippet">
          {m.snippet}
        </pre>
        <CopyButton text={m.snippet} />
      </div>
    </div>
  )
}

function StartForm({ status, busy }: { status: HubCacheStatus; busy: boolean }): React.JSX.Element {
  const { start, remove } = useHubCache()
  const hub = status.upstream === 'https://registry-1.docker.io'
  const [upstream, setUpstream] = useState(hub ? '' : status.upstream)
  const [port, setPort] = useState(String(status.port || HUB_CACHE_DEFAULT_PORT))
  const [username, setUsername] = useState(status.username ?? '')
  const [password, setPassword] = useState('')
  const problem = upstreamError(upstream) ?? (isValidPort(port) ? null : 'The port must be a whole number from 1 to 65535')
  const submit = (): void => {
    if (problem) return
    const login = username.trim() ? { username: username.trim(), ...(password ? { password } : {}) } : null
    void start({ port: Number(port), upstream: upstream.trim(), login })
  }
  return (
    <form
      className="sync-editor"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <label className="field">
        <span>Upstream: empty for Docker Hub, or a mirror such as mirror.example.com (it must be reachable from the container)</span>
        <input type="text" className="mono" aria-label="Cache upstream" value={upstream} onChange={(e) => setUpstream(e.target.value)} placeholder="Docker Hub (registry-1.docker.io)" spellCheck={false} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>Port</span>
          <input type="text" inputMode="numeric" aria-label="Cache port" value={port} onChange={(e) => setPort(e.target.value)} />
        </label>
        <label className="field">
          <span>Upstream user (optional)</span>
          <input type="text" aria-label="Upstream user" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          <span>Password or token{status.username ? ' (empty: keep the saved one)' : ''}</span>
          <input type="password" aria-label="Upstream password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="new-password" />
        </label>
      </div>
      {problem && upstream.trim() && (
        <div className="feedback error" data-testid="hub-cache-check">
          {problem}
        </div>
      )}
      <div className="lr-inline">
        <button type="submit" className="button primary" disabled={busy || Boolean(problem)}>
          {busy ? 'Starting…' : status.state === 'stopped' ? 'Start Docker Hub cache' : 'Create Docker Hub cache'}
        </button>
        {status.state !== 'absent' && (
          <button type="button" className="button danger" disabled={busy} onClick={() => void remove(true)}>
            Remove with cached images
          </button>
        )}
      </div>
    </form>
  )
}
