import { useTranslation } from 'react-i18next'
import { useMemo, useState } from 'react'
import type { RegistryEntry, RegistrySchemeChoice } from '@shared/contract'
import { checkAddress } from '@shared/registryAddress'
import { DialogActions } from '../../components/DialogActions'
import { Dialog } from '../../components/Dialog'
import { useSubmit } from '../../components/useSubmit'
import { credentialLine, formatRelative } from '../../lib/format'
import { toastError } from '../../app/toasts'
import { CredentialsFields, StorageNote } from '../../components/CredentialsFields'
import { useCredentialInfo } from './useCredentialInfo'
import { CaCertificateField } from './CaCertificateField'
import { errorHint, errorText, tMsg } from '../../lib/i18n'
import { healthText } from './health'
import { useRegistries } from './registriesStore'

interface Props {
  /** Absent: add a new registry. */
  entry?: RegistryEntry
  onClose(): void
}

/** Add or edit a registry: address, name, scheme, TLS trust, and optional credentials. */
export function RegistryDialog({ entry, onClose }: Props): React.JSX.Element {
  const { t } = useTranslation()
  const [name, setName] = useState(entry?.name ?? '')
  const [address, setAddress] = useState(entry?.address ?? '')
  const [scheme, setScheme] = useState<RegistrySchemeChoice>(entry?.scheme ?? 'auto')
  const [caFile, setCaFile] = useState(entry?.caFile ?? '')
  const [caPem, setCaPem] = useState('')
  const [skipVerify, setSkipVerify] = useState(!!entry?.insecureSkipVerify)
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const { busy, problem, run } = useSubmit()
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
    await run(async () => {
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
    })
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
      title={entry ? t('registry.editTitle', { name: entry.name }) : t('registry.add')}
      onClose={onClose}
      onSubmit={() => void save()}
      testId="registry-dialog"
      footer={
        <>
          {entry && (
            <button type="button" className="button danger" onClick={() => void remove()}>
              {t('registry.removeFromList')}
            </button>
          )}
          <span className="spacer" />
          <DialogActions onCancel={onClose} submitLabel={entry ? t('common.save') : t('registry.addButton')} disabled={!check.ok || busy} />
        </>
      }
    >
      <label className="field">
        <span>{t('local.address')}</span>
        <input
          type="text"
          value={address}
          onChange={(e) => onAddress(e.target.value)}
          placeholder={t('registry.addressPlaceholder')}
          aria-invalid={address !== '' && !check.ok}
          aria-describedby="registry-address-feedback"
          autoFocus={!entry}
          spellCheck={false}
        />
      </label>
      <div id="registry-address-feedback" className={`feedback ${check.ok ? 'ok' : 'error'}`}>
        {address === '' ? '' : check.ok ? (scheme === 'auto' ? t('registry.autoProbe', { address: check.address }) : `${scheme}://${check.address}/v2/`) : tMsg(check.error)}
      </div>
      <label className="field">
        <span>{t('registry.displayName')}</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder={check.ok ? check.address : t('registry.namePlaceholder')} />
      </label>
      <div className="field" role="radiogroup" aria-labelledby="registry-scheme-label">
        <span id="registry-scheme-label">{t('registry.protocol')}</span>
        <div className="radio-row">
          <label>
            <input type="radio" name="scheme" checked={scheme === 'auto'} onChange={() => setScheme('auto')} /> {t('registry.automatic')}
          </label>
          <label>
            <input type="radio" name="scheme" checked={scheme === 'https'} onChange={() => setScheme('https')} /> HTTPS
          </label>
          <label>
            <input type="radio" name="scheme" checked={scheme === 'http'} onChange={() => setScheme('http')} /> {t('registry.httpInsecure')}
          </label>
        </div>
      </div>
      {scheme === 'http' && (
        <p className="muted small-print">{t('registry.httpNote')}</p>
      )}
      {scheme !== 'http' && (
        <>
          <CaCertificateField caFile={caFile} onCaFile={setCaFile} caPem={caPem} onCaPem={setCaPem} />
          <label className="toggle">
            <input type="checkbox" checked={skipVerify} onChange={(e) => setSkipVerify(e.target.checked)} /> {t('registry.skipVerify')}
          </label>
        </>
      )}
      {entry && <HealthLine id={entry.id} />}
      <h3 className="dialog-subtitle">{t('registry.credentials')}</h3>
      <p className="muted" data-testid="credential-status">
        {check.ok ? credentialLine(t, info) : t('registry.addressFirst')}
        {info?.source === 'berth' && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => void forget()}>
              {t('registry.forget')}
            </button>
          </>
        )}
      </p>
      {info?.warning && <p className="feedback error">{info.warning}</p>}
      <CredentialsFields username={username} password={password} onUsername={setUsername} onPassword={setPassword} />
      <StorageNote info={info} />
      {problem && (
        <div className="feedback error" role="alert">
          {errorText(problem)} {errorHint(problem)}
        </div>
      )}
    </Dialog>
  )
}

function HealthLine({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation()
  const health = useRegistries((s) => s.health[id])
  const text = healthText(t, health?.state ?? 'checking')
  return (
    <p className="muted small-print" data-testid="registry-health">
      <code>GET /v2/</code>: <strong>{text}</strong>
      {health?.error ? ` — ${health.errorMsg ? tMsg(health.errorMsg) : health.error}` : ''}
      {health && health.checkedAt > 0 ? ` ${t('registry.checked', { when: formatRelative(health.checkedAt) })}` : ''}{' '}
      <button type="button" className="link-button" onClick={() => useRegistries.getState().check(id)}>
        {t('registry.checkNow')}
      </button>
    </p>
  )
}
