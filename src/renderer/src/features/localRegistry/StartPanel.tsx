import { useState } from 'react'
import type { LocalRegistryStatus } from '@shared/contract'
import { useLocalRegistry } from './localRegistryStore'

/** No registry yet: what Start will do, the port, and the button. */
export function StartPanel({ status }: { status: LocalRegistryStatus }): React.JSX.Element {
  const { busy, start } = useLocalRegistry()
  const [port, setPort] = useState(String(status.port))
  const portNumber = Number(port)
  const portValid = Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536

  return (
    <section className="lr-card lr-hero" aria-label="Start a local registry">
      <h2>A private registry on this machine, in one click</h2>
      <p className="muted">
        Berth runs <code>{status.image}</code> in a container named <code>{status.containerName}</code>, keeps every pushed image in the volume{' '}
        <code>{status.volumeName}</code> (it survives restarts and re-creation), and makes it reachable from this machine only. Then drag an image onto it in
        the sidebar to push.
      </p>
      <form
        className="lr-inline"
        onSubmit={(e) => {
          e.preventDefault()
          if (portValid) void start({ port: portNumber })
        }}
      >
        <label className="lr-inline">
          <span className="muted">Host port</span>
          <input type="number" className="lr-port" aria-label="Host port" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} aria-invalid={!portValid} />
        </label>
        <button type="submit" className="button primary" disabled={!portValid || busy === 'start' || busy === 'load'} data-testid="start-local-registry-page">
          {busy === 'start' ? 'Starting…' : 'Start local registry'}
        </button>
      </form>
      {status.volumeExists && <p className="muted">The volume already holds data from an earlier registry: it will be served again.</p>}
    </section>
  )
}
