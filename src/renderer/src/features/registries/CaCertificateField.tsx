import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import { isDesktop } from '../../lib/platform'

interface Props {
  caFile: string
  onCaFile(path: string): void
  caPem: string
  onCaPem(pem: string): void
}

/**
 * The CA that signed a registry's certificate. The desktop app takes a path on this machine; the
 * web mode's server reads no paths a browser sends, so there the PEM is uploaded or pasted and
 * Berth keeps a copy in its data directory.
 */
export function CaCertificateField({ caFile, onCaFile, caPem, onCaPem }: Props): React.JSX.Element {
  const { t } = useTranslation()
  const [readProblem, setReadProblem] = useState('')
  if (isDesktop) {
    return (
      <label className="field">
        <span>{t('registry.caFile')}</span>
        <input type="text" value={caFile} onChange={(e) => onCaFile(e.target.value)} placeholder="/path/to/ca.pem" spellCheck={false} />
      </label>
    )
  }
  const onFile = async (file: File | undefined): Promise<void> => {
    setReadProblem('')
    if (!file) return
    const text = await file.text().catch(() => '')
    if (!text.includes('-----BEGIN CERTIFICATE-----')) setReadProblem(t('registry.noPem', { name: file.name }))
    else onCaPem(text)
  }
  return (
    <div className="field">
      <span>{t('registry.caPem')}</span>
      {caFile && !caPem && (
        <p className="muted small-print" data-testid="ca-stored">
          {t('registry.caSet')}{' '}
          <button type="button" className="link-button" onClick={() => onCaFile('')}>
            {t('registry.removeIt')}
          </button>
        </p>
      )}
      <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" aria-label={t('registry.uploadCa')} onChange={(e) => void onFile(e.target.files?.[0])} />
      <textarea aria-label={t('registry.pasteCa')} rows={3} value={caPem} onChange={(e) => onCaPem(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" spellCheck={false} />
      {readProblem && <div className="feedback error">{readProblem}</div>}
    </div>
  )
}
