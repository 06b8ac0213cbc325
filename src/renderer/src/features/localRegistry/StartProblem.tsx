import { useRef, useState } from 'react'
import type { ApiErrorData, ImageUnavailableDetails, PortInUseDetails } from '@shared/contract'
import { useLocalRegistry } from './localRegistryStore'

/** Why the registry did not start, and the ways out: another port, a mirror, a tar file. */
export function StartProblem({ problem }: { problem: ApiErrorData }): React.JSX.Element {
  const { busy, start, dismissProblem } = useLocalRegistry()
  const details = problem.details ?? {}
  const port = problem.code === 'PORT_IN_USE' ? (details as unknown as PortInUseDetails) : undefined
  const image = typeof details.localRegistryImage === 'string' ? (details as unknown as ImageUnavailableDetails) : undefined
  const logs = Array.isArray(details.logs) ? (details.logs as string[]) : []
  const daemonMessage = typeof details.daemonMessage === 'string' ? details.daemonMessage : undefined

  return (
    <section className="lr-card lr-problem" role="alert" data-testid="local-registry-problem" data-code={problem.code}>
      <header className="lr-card-head">
        <h2>{problem.message}</h2>
        <span className="spacer" />
        <button className="icon-button" aria-label="Dismiss" onClick={dismissProblem}>
          ×
        </button>
      </header>
      {problem.hint && <p className="muted">{problem.hint}</p>}

      {port?.suggestedPort && (
        <div className="lr-inline">
          <button className="button primary" disabled={Boolean(busy)} onClick={() => void start({ port: port.suggestedPort })} data-testid="use-suggested-port">
            Use port {port.suggestedPort}
          </button>
        </div>
      )}

      {image && <ImageWaysOut image={image} />}

      {logs.length > 0 && (
        <>
          <h3 className="lr-subhead">The container’s last log lines</h3>
          <pre className="snippet lr-logs">{logs.join('\n')}</pre>
        </>
      )}
      {daemonMessage && daemonMessage !== problem.message && (
        <details>
          <summary className="muted">The engine’s message</summary>
          <code className="break">{daemonMessage}</code>
        </details>
      )}
    </section>
  )
}

function ImageWaysOut({ image }: { image: ImageUnavailableDetails }): React.JSX.Element {
  const { busy, start, loadImageAndStart } = useLocalRegistry()
  const [mirror, setMirror] = useState('')
  const file = useRef<HTMLInputElement>(null)
  return (
    <div className="lr-ways-out">
      <div>
        <h3 className="lr-subhead">Use a registry mirror</h3>
        {image.mirrors.length > 0 && (
          <div className="lr-inline">
            {image.mirrors.map((m) => (
              <button key={m} className="button primary" disabled={Boolean(busy)} onClick={() => void start({ mirror: m })}>
                Pull through {m}
              </button>
            ))}
            <span className="muted">(configured in the engine’s registry-mirrors)</span>
          </div>
        )}
        <form
          className="lr-inline"
          onSubmit={(e) => {
            e.preventDefault()
            if (mirror.trim()) void start({ mirror: mirror.trim() })
          }}
        >
          <input type="text" placeholder="mirror.example.com or 10.0.0.5:5000" aria-label="Mirror address" value={mirror} onChange={(e) => setMirror(e.target.value)} />
          <button className="button" type="submit" disabled={!mirror.trim() || Boolean(busy)}>
            {busy === 'start' ? 'Pulling…' : 'Pull through this mirror'}
          </button>
        </form>
      </div>
      <div>
        <h3 className="lr-subhead">Or load the image from a tar file</h3>
        <p className="muted">
          On a machine that has it: <code>docker save -o registry.tar {image.localRegistryImage}</code>, then bring the file here.
        </p>
        <input
          ref={file}
          type="file"
          accept=".tar,application/x-tar"
          hidden
          data-testid="registry-tar-input"
          onChange={(e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (f) void loadImageAndStart(f)
          }}
        />
        <button className="button" disabled={Boolean(busy)} onClick={() => file.current?.click()}>
          {busy === 'load' ? 'Loading…' : 'Load registry image from a tar…'}
        </button>
      </div>
    </div>
  )
}
