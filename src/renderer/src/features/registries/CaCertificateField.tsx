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
  const [readProblem, setReadProblem] = useState('')
  if (isDesktop) {
    return (
      <label className="field">
        <span>CA certificate file (PEM, optional)</span>
        <input type="text" value={caFile} onChange={(e) => onCaFile(e.target.value)} placeholder="/path/to/ca.pem" spellCheck={false} />
      </label>
    )
  }
  const onFile = async (file: File | undefined): Promise<void> => {
    setReadProblem('')
    if (!file) return
    const text = await file.text().catch(() => '')
    if (!text.includes('-----BEGIN CERTIFICATE-----')) setReadProblem(`${file.name} holds no PEM certificate (text starting with -----BEGIN CERTIFICATE-----).`)
    else onCaPem(text)
  }
  return (
    <div className="field">
      <span>CA certificate (PEM, optional)</span>
      {caFile && !caPem && (
        <p className="muted small-print" data-testid="ca-stored">
          A CA certificate is set.{' '}
          <button type="button" className="link-button" onClick={() => onCaFile('')}>
            Remove it
          </button>
        </p>
      )}
      <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" aria-label="Upload a CA certificate" onChange={(e) => void onFile(e.target.files?.[0])} />
      <textarea aria-label="Or paste the CA certificate" rows={3} value={caPem} onChange={(e) => onCaPem(e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" spellCheck={false} />
      {readProblem && <div className="feedback error">{readProblem}</div>}
    </div>
  )
}
