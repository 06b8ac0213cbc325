import { Trans, useTranslation } from 'react-i18next'
import { useEffect, useState } from 'react'
import { errorText, tMsg } from '../../lib/i18n'
import { toBerthError, type PushPreflight, type RegistryEntry } from '@shared/contract'
import { checkAddress } from '@shared/registryAddress'
import { intents, type PushRequest } from '../../app/intents'
import { useNav } from '../../app/navigation'
import { ErrorPanel } from '../../components/ErrorPanel'
import { RegistryOptions } from '../../components/RegistryOptions'
import { credentialLine } from '../../lib/format'
import { DialogActions } from '../../components/DialogActions'
import { Dialog } from '../../components/Dialog'
import { useBusy } from '../../components/useBusy'
import { checkTarget, prefillRow, type PushRow } from './pushTarget'
import { useTransfers } from './transfersStore'

const OTHER = '__other__'

/**
 * Confirms a push: target `<registry>/<repository>:<tag>` per image, editable and checked as
 * you type; before anything starts, main says whether the engine will reach the registry.
 */
export function PushDialog({ request, registries: entries, onClose }: { request: PushRequest; registries: RegistryEntry[]; onClose(): void }): React.JSX.Element {
  const { t } = useTranslation()
  const [registryId, setRegistryId] = useState(request.registryId ?? entries[0]?.id ?? OTHER)
  const [otherAddress, setOtherAddress] = useState('')
  const [rows, setRows] = useState<PushRow[]>(() => request.images.map(prefillRow))
  const { busy, during } = useBusy()

  const entry = entries.find((e) => e.id === registryId)
  const other = checkAddress(otherAddress)
  const address = registryId === OTHER ? (other.ok ? other.address : undefined) : entry?.address
  const checks = rows.map((r) => checkTarget(address, r.repository, r.tag))
  const firstTarget = checks.find((c) => c.ok)?.target
  const [preflight, recheck] = usePreflight(firstTarget)
  const allOk = checks.every((c) => c.ok)
  const blocked = !!preflight.result?.problem

  const setRow = (i: number, patch: Partial<PushRow>): void => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)))

  const submit = async (): Promise<void> => {
    if (!allOk || blocked || busy) return
    const push = useTransfers.getState().push
    const started = await during(() => Promise.all(rows.map((r, i) => push(r.source, (checks[i] as { target: string }).target))))
    if (started.some(Boolean)) {
      onClose()
      useNav.getState().go({ kind: 'transfers' })
    }
  }

  const count = rows.length
  return (
    <Dialog
      title={count === 1 ? t('push.titleOne', { label: rows[0]!.label }) : t('push.titleMany', { count })}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="push-dialog"
      footer={
        <DialogActions onCancel={onClose} submitLabel={count === 1 ? t('push.push') : t('push.titleMany', { count })} disabled={!allOk || blocked || busy || preflight.checking} />
      }
    >
      <label className="field">
        <span>{t('push.registry')}</span>
        <select value={registryId} onChange={(e) => setRegistryId(e.target.value)}>
          <RegistryOptions registries={entries} />
          <option value={OTHER}>{t('push.otherAddress')}</option>
        </select>
      </label>
      {registryId === OTHER && (
        <label className="field">
          <span>{t('push.registryAddress')}</span>
          <input type="text" value={otherAddress} onChange={(e) => setOtherAddress(e.target.value)} placeholder={t('registry.addressPlaceholder')} aria-invalid={otherAddress !== '' && !other.ok} autoFocus spellCheck={false} />
          {otherAddress !== '' && !other.ok && <span className="feedback error">{tMsg(other.error)}</span>}
        </label>
      )}

      <div className="push-rows">
        {rows.map((r, i) => {
          const c = checks[i]!
          return (
            <div key={`${r.source}|${i}`} className="push-row" data-testid="push-row">
              <div className="push-source muted">
                <code>{r.label}</code> →
              </div>
              <div className="field-row">
                <label className="field grow">
                  <span>{t('images.col.repository')}</span>
                  <input type="text" value={r.repository} onChange={(e) => setRow(i, { repository: e.target.value })} aria-invalid={!c.ok} autoFocus={i === 0} spellCheck={false} placeholder="team/app" />
                </label>
                <label className="field tag-field">
                  <span>{t('images.col.tag')}</span>
                  <input type="text" value={r.tag} onChange={(e) => setRow(i, { tag: e.target.value })} aria-invalid={!c.ok} spellCheck={false} />
                </label>
              </div>
              <div className={`feedback ${c.ok ? 'ok' : 'error'}`} data-testid="push-target" aria-live="polite">
                {c.ok ? (
                  <>
                    {t('push.willPush')} <code>{c.target}</code>
                  </>
                ) : (
                  <>
                    {tMsg(c.error)}
                    {c.typed && (
                      <>
                        {' '}
                        <Trans i18nKey="push.inTyped" values={{ typed: c.typed }} components={{ code: <code /> }} />
                      </>
                    )}
                  </>
                )}
              </div>
            </div>
          )
        })}
      </div>

      <PreflightNote state={preflight} onSignIn={(registry) => void intents.askCredentials({ registry }).then(recheck)} />
    </Dialog>
  )
}

interface PreflightState {
  checking: boolean
  result?: PushPreflight
  error?: string
}

/** Asks main about the registry of the current target, debounced while the user types; recheck() asks again. */
function usePreflight(target: string | undefined): [PreflightState, () => void] {
  const registry = target?.split('/')[0]
  const [state, setState] = useState<PreflightState & { registry?: string }>({ checking: false })
  // Bumped after the credentials dialog closes: the answer may have changed.
  const [round, setRound] = useState(0)
  useEffect(() => {
    if (!target) return
    let live = true
    const timer = setTimeout(() => {
      setState({ checking: true, registry })
      useTransfers
        .getState()
        .preflight(target)
        .then(
          (result) => live && setState({ checking: false, result, registry }),
          (e: unknown) => live && setState({ checking: false, error: errorText(toBerthError(e)), registry })
        )
    }, 250)
    return () => {
      live = false
      clearTimeout(timer)
    }
    // Only the registry part matters to the engine's answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registry, round])
  return [state.registry === registry ? state : { checking: !!target }, () => setRound((r) => r + 1)]
}

function PreflightNote({ state, onSignIn }: { state: PreflightState; onSignIn(registry: string): void }): React.JSX.Element | null {
  const { t } = useTranslation()
  if (state.checking) return <p className="muted small-print">{t('push.checking')}</p>
  if (state.error) return <p className="feedback error">{state.error}</p>
  const r = state.result
  if (!r) return null
  const p = r.problem
  const creds = r.credentials
  return (
    <div className="preflight" data-testid="push-preflight">
      {p ? (
        <ErrorPanel error={p} testId="preflight-problem" />
      ) : (
        r.scheme === 'http' && <p className="muted small-print">{t('push.plainHttpOk', { registry: r.registry })}</p>
      )}
      <p className="muted small-print" data-testid="push-credentials">
        {creds.source === 'none' ? t('push.noCredentials') : credentialLine(t, creds)}{' '}
        <button type="button" className="link-button" onClick={() => onSignIn(r.registry)}>
          {creds.source === 'none' ? t('push.addCredentials') : t('push.change')}
        </button>
      </p>
    </div>
  )
}
