import { create } from 'zustand'
import type { CredentialInfo, RegistryEntry, RegistryHealth, RegistrySchemeChoice } from '@shared/contract'
import { api } from '../../lib/api'
import { toastError, toastSuccess, useToasts } from '../../app/toasts'
import { i18n } from '../../lib/i18n'

export type RegistryInput = Omit<RegistryEntry, 'id' | 'managed' | 'scheme'> & { scheme: RegistrySchemeChoice; caPem?: string }

interface RegistriesState {
  entries: RegistryEntry[]
  health: Record<string, RegistryHealth>
  loaded: boolean
  init(): () => void
  load(): Promise<void>
  add(input: RegistryInput): Promise<RegistryEntry>
  update(id: string, input: Partial<RegistryInput>): Promise<RegistryEntry>
  remove(id: string): Promise<void>
  check(id: string): void
  /** Who Berth signs in as per registry (never the password), as last read. */
  credentials: Record<string, CredentialInfo | undefined>
  loadCredentials(registry: string): Promise<void>
  /** Saves a password in main (it never comes back) and re-reads what main now uses. */
  saveCredentials(registry: string, username: string, password: string): Promise<void>
  forgetCredentials(registry: string): Promise<void>
}

export const useRegistries = create<RegistriesState>((set, get) => ({
  entries: [],
  health: {},
  loaded: false,
  credentials: {},

  init() {
    const offChanged = api.on('registries.changed', (entries) => set({ entries, loaded: true }))
    const offHealth = api.on('registries.health', (h) => set({ health: { ...get().health, [h.id]: h } }))
    // A registry that put TLS in front (or took it away) was switched by a check: say so.
    const offScheme = api.on('registries.schemeChanged', (e) =>
      useToasts.getState().show({ kind: 'info', title: i18n.t('registry.schemeSwitched', { name: e.name, scheme: e.to.toUpperCase() }), hint: i18n.t('registry.schemeSwitchedHint', { from: e.from.toUpperCase() }) })
    )
    return () => {
      offChanged()
      offHealth()
      offScheme()
    }
  },

  async load() {
    try {
      const [entries, health] = await Promise.all([api.call('registries.list'), api.call('registries.health')])
      // A health event may have come in meanwhile: keep whichever check is newer.
      const merged = { ...Object.fromEntries(health.map((h) => [h.id, h])) }
      for (const [id, h] of Object.entries(get().health)) if (!merged[id] || merged[id].checkedAt < h.checkedAt) merged[id] = h
      set({ entries, health: merged, loaded: true })
    } catch (e) {
      toastError(e)
    }
  },

  async add(input) {
    const entry = await api.call('registries.add', input)
    // The answer is the new state: show it now, whatever happens to the event.
    set({ entries: upsert(get().entries, entry) })
    toastSuccess(entry.scheme === 'http' ? i18n.t('toast.addedHttp', { name: entry.name }) : i18n.t('toast.added', { name: entry.name }))
    return entry
  },

  async update(id, input) {
    const entry = await api.call('registries.update', { id, ...input })
    set({ entries: upsert(get().entries, entry) })
    return entry
  },

  async remove(id) {
    const entry = get().entries.find((e) => e.id === id)
    await api.call('registries.remove', { id })
    set({ entries: get().entries.filter((e) => e.id !== id) })
    toastSuccess(entry ? i18n.t('toast.removedRegistry', { name: entry.name }) : i18n.t('toast.removedARegistry'))
  },

  check(id) {
    api.call('registries.check', { id }).catch(toastError)
  },

  async loadCredentials(registry) {
    const info = await api.call('credentials.status', { registry }).catch(() => undefined)
    set({ credentials: { ...get().credentials, [registry]: info } })
  },

  async saveCredentials(registry, username, password) {
    await api.call('credentials.set', { registry, username: username.trim(), password })
    void get().loadCredentials(registry)
  },

  async forgetCredentials(registry) {
    try {
      await api.call('credentials.clear', { registry })
      await get().loadCredentials(registry)
    } catch (e) {
      toastError(e)
    }
  }
}))

function upsert(entries: RegistryEntry[], entry: RegistryEntry): RegistryEntry[] {
  return entries.some((e) => e.id === entry.id) ? entries.map((e) => (e.id === entry.id ? entry : e)) : [...entries, entry]
}
