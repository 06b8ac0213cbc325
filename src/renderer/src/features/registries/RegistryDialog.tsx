import { useMemo, useState } from 'react'
import { toBerthError, type BerthError, type RegistryEntry, type RegistrySchemeChoice } from '@shared/contract'
import { checkAddress } from '@shared/registryAddress'
import { Dialog } from '../../components/Dialog'
import { credentialLine, formatRelative } from '../../lib/format'
import { toastError } from '../../app/toasts'
import { CredentialsFields, StorageNote } from '../../components/CredentialsFields'
import { useCredentialInfo } from './useCredentialInfo'
import { CaCertificateField } from './CaCertificateField'
import { useRegistries } from './registriesStore'

interface Props {
  /** Absent: add a new registry. */
  entry?: RegistryEntry
  onClose(): void
}

/** Add or edit a registry: address, name, scheme, TLS trust, and optional credentials. */
export function RegistryDialog({ entry, onClose }: Props): React.JSX.Element {
  const [name, setName] = useState(entry?.name ?? '')
  const [address, setAddress] = useState(entry?.address ?? '')
  const [scheme, setScheme] = useState<RegistrySchemeChoice>(entry?.scheme ?? 'auto')
  const [caFile, setCaFile] = useState(entry?.caFile ?? '')
  const [caPem, setCaPem] = useState('')
  const [skipVerify, setSkipVerify] = useState(!!entry?.insecureSkipVerify)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<BerthError>()
  const check = useMemo(() => checkAddress(address), [address])
  const info = useCredentialInfo(check.ok ? check.address : undefined)

  const onAddress = (v: string): void => {
    setAddress(v)
    // A pasted URL tells the scheme.
    const c = checkAddress(v)
    if (c.ok && c.scheme) setScheme(c.scheme)
  }

  const save = async (): Promise<void> => {
    if (!check.ok || busy) return
    setBusy(true)
    setProblem(undefined)
    try {
      // Automatic may still end up HTTPS: keep the TLS settings unless HTTP was chosen.
      const https = scheme !== 'http'
      const pem = https && caPem.trim() ? { caPem } : {}
      const fields = { name: name.trim() || check.address, address: check.address, scheme, caFile: https ? caFile.trim() : '', insecureSkipVerify: https && skipVerify, ...pem }
      const s = useRegistries.getState()
      if (entry) await s.update(entry.id, fields)
      else await s.add(fields)
      if (username.trim() && password) await s.saveCredentials(check.address, username, password)
      setPassword('')
      onClose()
    } catch (e) {
      setProblem(toBerthError(e))
    } finally {
      setBusy(false)
    }
  }

  const forget = async (): Promise<void> => {
    if (check.ok) await useRegistries.getState().forgetCredentials(check.address)
  }

  const remove = async (): Promise<void> => {
    if (!entry) return
    try {
      await useRegistries.getState().remove(entry.id)
      onClose()
    } catch (e) {
      toastError(e)
    }
  }

  return (
    <Dialog
      title={entry ? `Edit ${entry.name}` : 'Add a registry'}
      onClose={onClose}
      onSubmit={() => void save()}
      testId="registry-dialog"
      footer={
        <>
          {entry && (
            <button type="button" className="button danger" onClick={() => void remove()}>
              Remove from list
            </button>
          )}
          <span className="spacer" />
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!check.ok || busy}>
            {entry ? 'Save' : 'Add'}
          </button>
        </>
      }
    >
      <label className="field">
        <span>Address</span>
        <input
          type="text"
          value={address}
          onChange={(e) => onAddress(e.target.value)}
          placeholder="registry.example.com or 127.0.0.1:5000"
          aria-invalid={address !== '' && !check.ok}
          aria-describedby="registry-address-feedback"
          autoFocus={!entry}
          spellCheck={false}
        />
      </label>
      <div id="registry-address-feedback" className={`feedback ${check.ok ? 'ok' : 'error'}`}>
        {address === '' ? '' : check.ok ? (scheme === 'auto' ? `https://${check.address}/v2/, or http:// if the port answers plain HTTP` : `${scheme}://${check.address}/v2/`) : check.error}
      </div>
      <label className="field">
        <span>Display name</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder={check.ok ? check.address : 'Team registry'} />
      </label>
      <div className="field" role="radiogroup" aria-labelledby="registry-scheme-label">
        <span id="registry-scheme-label">Protocol</span>
        <div className="radio-row">
          <label>
            <input type="radio" name="scheme" checked={scheme === 'auto'} onChange={() => setScheme('auto')} /> Automatic
          </label>
          <label>
            <input type="radio" name="scheme" checked={scheme === 'https'} onChange={() => setScheme('https')} /> HTTPS
          </label>
          <label>
            <input type="radio" name="scheme" checked={scheme === 'http'} onChange={() => setScheme('http')} /> HTTP (insecure)
          </label>
        </div>
      </div>
      {scheme === 'http' && (
        <p className="muted small-print">The engine only pushes to a plain-HTTP registry on 127.0.0.0/8 or one listed in its insecure-registries; Berth checks before each push and says what to change.</p>
      )}
      {scheme !== 'http' && (
        <>
          <CaCertificateField caFile={caFile} onCaFile={setCaFile} caPem={caPem} onCaPem={setCaPem} />
          <label className="toggle">
            <input type="checkbox" checked={skipVerify} onChange={(e) => setSkipVerify(e.target.checked)} /> Skip TLS verification (test registries only)
          </label>
        </>
      )}
      {entry && <HealthLine id={entry.id} />}
      <h3 className="dialog-subtitle">Credentials</h3>
      <p className="muted" data-testid="credential-status">
        {check.ok ? credentialLine(info) : 'Enter the address first.'}
        {info?.source === 'berth' && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => void forget()}>
              Forget
            </button>
          </>
        )}
      </p>
      {info?.warning && <p className="feedback error">{info.warning}</p>}
      <CredentialsFields username={username} password={password} onUsername={setUsername} onPassword={setPassword} />
      <StorageNote info={info} />
      {problem && (
        <div className="feedback error" role="alert">
          {problem.message} {problem.hint}
        </div>
      )}
    </Dialog>
  )
}

function HealthLine({ id }: { id: string }): React.JSX.Element {
  const health = useRegistries((s) => s.health[id])
  const text = !health || health.state === 'checking' ? 'checking…' : health.state === 'auth-required' ? 'needs sign-in' : health.state
  return (
    <p className="muted small-print" data-testid="registry-health">
      GET /v2/: <strong>{text}</strong>
      {health?.error ? ` — ${health.error}` : ''}
      {health && health.checkedAt > 0 ? ` (checked ${formatRelative(health.checkedAt)})` : ''}{' '}
      <button type="button" className="link-button" onClick={() => useRegistries.getState().check(id)}>
        Check now
      </button>
    </p>
  )
}
