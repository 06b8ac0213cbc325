import { useId, useRef, useState } from 'react'
import { useDismiss } from '../../components/useDismiss'
import { useTranslation } from 'react-i18next'
import { localeNames, locales, pickLocale } from '@shared/i18n/locales'
import { systemLocale } from '../../lib/i18n'
import { useSettings } from './settingsStore'

/** The top bar's settings: the language (applied at once, remembered). Escape or a click outside closes it. */
export function SettingsMenu(): React.JSX.Element {
  const { t } = useTranslation()
  const { language, setLanguage } = useSettings()
  const [open, setOpen] = useState(false)
  const root = useRef<HTMLDivElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const panelId = useId()
  const selectId = useId()

  useDismiss(root, open, (by) => {
    setOpen(false)
    if (by === 'escape') button.current?.focus()
  })

  const system = localeNames[pickLocale([systemLocale()])]
  return (
    <div className="settings" ref={root}>
      <button ref={button} className="button small" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)} data-testid="settings-button">
        {t('settings.button')}
      </button>
      {open && (
        <div className="settings-panel" id={panelId} role="group" aria-label={t('settings.title')}>
          <label htmlFor={selectId}>{t('settings.language')}</label>
          <select
            id={selectId}
            autoFocus
            value={language}
            data-testid="language-select"
            onChange={(e) => void setLanguage(e.target.value as typeof language)}
          >
            <option value="system">{t('settings.followSystem', { name: system })}</option>
            {locales.map((l) => (
              <option key={l} value={l} lang={l}>
                {localeNames[l]}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  )
}
