import type { TFunction } from 'i18next'
import type { RegistryHealth } from '@shared/contract'

/** A registry's health in words (the sidebar, the edit dialog). */
export function healthText(t: TFunction, state: RegistryHealth['state']): string {
  return {
    reachable: t('registry.health.reachable'),
    'auth-required': t('registry.health.authRequired'),
    down: t('registry.health.down'),
    checking: t('registry.health.checking')
  }[state]
}
