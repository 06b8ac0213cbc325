import { useEffect, useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { formatBytes, formatDuration, shortDigest } from '../../lib/format'
import { useNav } from '../../app/navigation'
import { CopyButton } from './CopyButton'
import { useLocalRegistry } from './localRegistryStore'
import { stateDot, stateLabel } from './stateLabel'

/** Seconds since `startedAt`, ticking once a second. */
function useUptime(startedAt: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (startedAt === undefined) return
    const t = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(t)
  }, [startedAt])
  return startedAt === undefined ? undefined : Math.max(0, (now - startedAt) / 1000)
}

export function StatusCard({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { busy, start, stop, restart, setPort } = useLocalRegistry()
  const go = useNav((s) => s.go)
  const uptime = useUptime(status.startedAt)
  const [port, setPortText] = useState('')
  const [editingPort, setEditingPort] = useState(false)
  const running = status.state === 'running'
  const portNumber = Number(port)
  const portValid = Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536

  return (
    <section className="lr-card" aria-label="Status">
      <header className="lr-card-head">
        <span className={`dot ${stateDot(status)}`} aria-hidden />
        <h2 data-testid="local-registry-state" data-state={status.activity?.kind ?? status.state}>
          {stateLabel(status)}
        </h2>
        {status.activity?.transferId && (
          <button className="button small" onClick={() => go({ kind: 'transfers' })}>
            See progress in Transfers
          </button>
        )}
        <span className="spacer" />
        {status.state === 'stopped' && (
          <button className="button primary" disabled={Boolean(busy)} onClick={() => void start()}>
            {busy === 'start' ? 'Starting…' : 'Start'}
          </button>
        )}
        {running && (
          <>
            <button className="button" disabled={Boolean(busy)} onClick={() => void restart()}>
              {busy === 'restart' ? 'Restarting…' : 'Restart'}
            </button>
            <button className="button" disabled={Boolean(busy)} onClick={() => void stop()}>
              {busy === 'stop' ? 'Stopping…' : 'Stop'}
            </button>
          </>
        )}
      </header>

      {status.plainHttpRefused && (
        <div className="warning-box" role="alert" data-testid="local-registry-http-refused">
          <p>{status.plainHttpRefused.message}</p>
          <p>
            Add these lines to <code>{status.plainHttpRefused.where}</code>, then: {status.plainHttpRefused.restart}
          </p>
          <pre className="snippet">{status.plainHttpRefused.snippet}</pre>
          <CopyButton text={status.plainHttpRefused.snippet} label="Copy the lines" />
        </div>
      )}

      <dl className="kv lr-kv">
        <div className="kv-row">
          <dt>Address</dt>
          <dd className="lr-inline">
            <code data-testid="local-registry-address">{status.address}</code>
            <CopyButton text={status.address} />
            {!editingPort ? (
              <button className="button small" disabled={Boolean(busy)} onClick={() => (setPortText(String(status.port)), setEditingPort(true))}>
                Change port
              </button>
            ) : (
              <form
                className="lr-inline"
                onSubmit={(e) => {
                  e.preventDefault()
                  if (portValid) void setPort(portNumber).then((ok) => ok && setEditingPort(false))
                }}
              >
                <input type="number" aria-label="Host port" min={1} max={65535} value={port} onChange={(e) => setPortText(e.target.value)} aria-invalid={!portValid} className="lr-port" />
                <button className="button small primary" type="submit" disabled={!portValid || Boolean(busy)}>
                  {busy === 'port' ? 'Moving…' : 'Use this port'}
                </button>
                <button className="button small" type="button" onClick={() => setEditingPort(false)}>
                  Cancel
                </button>
              </form>
            )}
          </dd>
        </div>
        {status.engineHost && (
          <div className="kv-row">
            <dt>Runs on</dt>
            <dd data-testid="local-registry-engine-host">
              host <code>{status.engineHost}</code> (the engine's machine), reachable there as <code>{status.address}</code>
            </dd>
          </div>
        )}
        <div className="kv-row">
          <dt>Reachable from</dt>
          <dd>
            {status.shared ? (
              <>
                all interfaces: <span className="mono">{status.lanAddresses.join(', ') || 'no LAN address found'}</span>
              </>
            ) : (
              status.engineHost ? "the engine's machine only (its 127.0.0.1)" : 'this machine only (127.0.0.1)'
            )}
          </dd>
        </div>
        <div className="kv-row">
          <dt>Image</dt>
          <dd>
            <code>{status.image}</code> {status.imageId && <span className="muted mono">{shortDigest(status.imageId)}</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>Container</dt>
          <dd>
            <code>{status.containerName}</code> {status.containerId && <span className="muted mono">{status.containerId.slice(0, 12)}</span>}
          </dd>
        </div>
        <div className="kv-row">
          <dt>Uptime</dt>
          <dd data-testid="local-registry-uptime">{running ? formatDuration(uptime) : status.exitCode !== undefined ? `stopped (exit code ${status.exitCode})` : '–'}</dd>
        </div>
        <div className="kv-row">
          <dt>Repositories</dt>
          <dd data-testid="local-registry-repositories">
            {status.repositories ?? (status.repositoriesError ? <span className="muted">unknown: {status.repositoriesError}</span> : '–')}
          </dd>
        </div>
        <div className="kv-row">
          <dt>Disk used</dt>
          <dd data-testid="local-registry-disk">
            {status.volumeExists ? (status.volumeSize !== undefined ? formatBytes(status.volumeSize) : 'measuring…') : 'no data yet'}{' '}
            <span className="muted">
              volume <code>{status.volumeName}</code>
            </span>
          </dd>
        </div>
        <div className="kv-row">
          <dt>Basic auth</dt>
          <dd>{status.auth.enabled ? `on (user ${status.auth.username})` : 'off'}</dd>
        </div>
      </dl>

      <h3 className="lr-subhead">Last log lines</h3>
      <pre className="snippet lr-logs" data-testid="local-registry-logs">
        {status.logs.length ? status.logs.join('\n') : 'No log lines yet.'}
      </pre>
    </section>
  )
}
