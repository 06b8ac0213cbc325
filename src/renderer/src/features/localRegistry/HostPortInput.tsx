import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isValidPort, MAX_PORT, MIN_PORT } from '@shared/port'

/** The host port as typed, and as a number when it is a valid port (the same rule main checks). */
export function usePortText(initial = ''): { text: string; setText(text: string): void; port: number; valid: boolean } {
  const [text, setText] = useState(initial)
  const port = Number(text)
  return { text, setText, port, valid: isValidPort(port) }
}

/** The field for the host port the registry listens on. */
export function HostPortInput({ value }: { value: ReturnType<typeof usePortText> }): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <input type="number" className="lr-port" aria-label={t('local.hostPort')} min={MIN_PORT} max={MAX_PORT} value={value.text} onChange={(e) => value.setText(e.target.value)} aria-invalid={!value.valid} />
  )
}
