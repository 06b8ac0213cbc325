import { useConnection } from './connectionStore'

/** Shown while the live feed is down: what is on screen may be out of date until it is back. */
export function ReconnectingBadge(): React.JSX.Element | null {
  const state = useConnection((s) => s.state)
  if (state !== 'down') return null
  return (
    <div className="reconnecting" role="status" data-testid="reconnecting" title="Lost the live connection to the Berth server; changes made meanwhile show once it is back.">
      <span className="dot dot-amber" /> Reconnecting…
    </div>
  )
}
