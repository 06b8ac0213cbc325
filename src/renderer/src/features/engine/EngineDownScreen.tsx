import type { EngineStatus } from '@shared/contract'
import { useEngine } from './engineStore'

export function EngineDownScreen({ status }: { status: Extract<EngineStatus, { state: 'down' }> }): React.JSX.Element {
  const { retry, retrying } = useEngine()
  return (
    <div className="engine-down-screen" role="alert" data-testid="engine-down">
      <h1>No Docker engine is answering</h1>
      <p>{status.hint}</p>
      <h2>What Berth tried</h2>
      <ul className="tried">
        {status.tried.map((t) => (
          <li key={t.endpoint}>
            <code>{t.endpoint}</code> — {t.error}
          </li>
        ))}
      </ul>
      <p className="muted">Berth keeps trying every few seconds and comes back by itself when the engine answers.</p>
      <button className="button primary" onClick={() => void retry()} disabled={retrying}>
        {retrying ? 'Trying…' : 'Retry now'}
      </button>
    </div>
  )
}
