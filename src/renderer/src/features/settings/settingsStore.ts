import { create } from 'zustand'
import type { Locale } from '@shared/i18n/locales'
import { chooseLocale, savedLocale } from '../../lib/i18n'

interface SettingsState {
  /** The saved language, or 'system' to follow the system's. */
  language: Locale | 'system'
  setLanguage(choice: Locale | 'system'): Promise<void>
}

export const useSettings = create<SettingsState>((set) => ({
  language: savedLocale() ?? 'system',
  async setLanguage(choice) {
    set({ language: choice })
    await chooseLocale(choice === 'system' ? undefined : choice)
  }
}))
