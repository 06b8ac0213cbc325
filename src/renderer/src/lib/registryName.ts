// Main names Berth's own registry "Local registry" (in English, for logs and the saved list); the
// UI names it in the user's language. Other registries keep the name the user gave them.
import type { RegistryEntry } from '@shared/contract'
import { i18n } from './i18n'

export function registryName(entry: Pick<RegistryEntry, 'name' | 'managed'>): string {
  return entry.managed === 'local' ? i18n.t('local.title') : entry.name
}

/** A registry in a list of choices: its name and address, or the address alone when that is its name. */
export function registryChoice(entry: Pick<RegistryEntry, 'name' | 'address' | 'managed'>): string {
  return entry.name === entry.address ? entry.address : `${registryName(entry)} (${entry.address})`
}
