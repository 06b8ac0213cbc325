import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useRef } from 'react'
import { useDismiss } from '../../components/useDismiss'
import type { EngineChoice } from '@shared/contract'
import { useEngine } from './engineStore'

/** Always says which engine Berth talks to; a click lists every engine Berth knows, to switch. */
export function EngineBadge(): React.JSX.Element {
  const { t } = useTranslation()
  const status = useEngine((s) => s.status)
  const open = useEngine((s) => s.pickerOpen)
  const { openPicker, closePicker } = useEngine.getState()
  const toggle = (): void => void (open ? closePicker() : openPicker())
  const root = useRef<HTMLDivElement>(null)
  useDismiss(root, open, closePicker)
  let face: React.JSX.Element
  if (!status) face = <>{t('engine.connecting')}</>
  else if (status.state === 'down') face = <><span className="dot dot-red" /> {t('engine.none')}</>
  else {
    const e = status.engine
    face = (
      <>
        <span className="dot dot-green" /> {e.name} {e.version} · {e.os}/{e.arch} · <span className="muted">{e.endpoint}</span>
      </>
    )
  }
  return (
    <div className="engine-picker" ref={root}>
      <button
        type="button"
        className={`engine-badge${status?.state === 'down' ? ' engine-down' : ''}`}
        data-testid="engine-badge"
        title={status?.state === 'connected' ? status.engine.endpoint : t('engine.choose')}
        aria-haspopup="listbox"
        aria-expanded={open}
        onClick={toggle}
      >
        {face} <span aria-hidden>▾</span>
      </button>
      {open && <EngineList />}
    </div>
  )
}

function EngineList(): React.JSX.Element {
  const { t } = useTranslation()
  const selection = useEngine((s) => s.selection)
  const switching = useEngine((s) => s.switching)
  const use = useEngine((s) => s.use)
  return (
    // The listbox holds only the engines (its options); "automatic" is a plain button after it.
    <div className="engine-list" data-testid="engine-list">
      {!selection ? (
        <div className="muted engine-choice">{t('engine.checkingAll')}</div>
      ) : (
        <>
          <div className="engine-options" role="listbox" aria-label={t('engine.list')}>
          {selection.choices.map((c) => (
            <button
              key={c.endpoint}
              type="button"
              role="option"
              aria-selected={c.current}
              className={`engine-choice${c.current ? ' current' : ''}`}
              data-testid="engine-choice"
              data-endpoint={c.endpoint}
              data-state={c.state}
              disabled={Boolean(switching)}
              onClick={() => void use(c.endpoint)}
            >
              <span className={`dot ${c.state === 'up' ? 'dot-green' : 'dot-grey'}`} aria-hidden />
              <span className="engine-choice-main">
                <span className="mono">{c.endpoint}</span>
                <span className="muted small-print">{describe(t, c)}</span>
              </span>
              {c.current && <span className="muted small-print">{t('engine.inUse')}</span>}
            </button>
          ))}
          </div>
          <button type="button" className="link-button engine-choice" disabled={Boolean(switching) || !selection.chosen} onClick={() => void use(null)}>
            {selection.chosen ? t('engine.pickAuto') : t('engine.picksAuto')}
          </button>
        </>
      )}
    </div>
  )
}

function describe(t: TFunction, c: EngineChoice): string {
  const from = c.source === 'context' ? t('engine.fromContext') : c.source === 'DOCKER_HOST' ? 'DOCKER_HOST' : t('engine.fromSocket')
  return c.state === 'up' ? t('engine.up', { from, name: c.name, version: c.version }) : t('engine.down', { from, error: c.error ?? t('engine.notAnswering') })
}
