import { useMemo, useState } from 'react'
import { checkReference } from '@shared/referenceCheck'
import { TransferCard } from './TransferCard'
import { isActive, sortTransfers, useTransfers } from './transfersStore'

/** Every push, pull and load, running and finished. State lives in the store, so it survives page switches. */
export function TransfersPage(): React.JSX.Element {
  const byId = useTransfers((s) => s.byId)
  const transfers = useMemo(() => sortTransfers(Object.values(byId)), [byId])
  const running = transfers.filter(isActive).length
  const finished = transfers.length - running

  return (
    <div className="page transfers-page" data-testid="transfers-page">
      <div className="toolbar">
        <PullForm />
        <span className="spacer" />
        <span className="count" data-testid="transfers-count">
          {running} running · {finished} finished
        </span>
        <button className="button" disabled={finished === 0} onClick={() => void useTransfers.getState().dismiss()}>
          Clear finished
        </button>
      </div>
      <div className="transfer-list" aria-label="Transfers">
        {transfers.length === 0 ? (
          <div className="empty">
            No transfers yet. Drag an image onto a registry in the sidebar to push it, type a reference above to pull one, or drop a <code>docker save</code> tar onto the window to load it.
          </div>
        ) : (
          transfers.map((t) => <TransferCard key={t.id} t={t} />)
        )}
      </div>
    </div>
  )
}

function PullForm(): React.JSX.Element {
  const [value, setValue] = useState('')
  const [busy, setBusy] = useState(false)
  const check = useMemo(() => checkReference(value, 'pull'), [value])
  const submit = async (): Promise<void> => {
    if (!check.ok || busy) return
    setBusy(true)
    const started = await useTransfers.getState().pull(value.trim())
    setBusy(false)
    if (started) setValue('')
  }
  return (
    <form
      className="pull-form"
      onSubmit={(e) => {
        e.preventDefault()
        void submit()
      }}
    >
      <input
        type="text"
        className="filter"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Pull: registry/repository:tag"
        aria-label="Image to pull"
        aria-invalid={value.trim() !== '' && !check.ok}
        aria-describedby="pull-feedback"
        spellCheck={false}
      />
      <button type="submit" className="button primary" disabled={!check.ok || busy}>
        Pull
      </button>
      <span id="pull-feedback" className={`feedback ${check.ok ? 'ok' : 'error'}`} data-testid="pull-feedback">
        {value.trim() === '' ? '' : check.ok ? check.full : check.error}
      </span>
    </form>
  )
}
