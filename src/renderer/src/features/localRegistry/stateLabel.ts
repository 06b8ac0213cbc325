import type { TFunction } from 'i18next'
import type { LocalRegistryStatus } from '@shared/contract'
import { renderMsg } from '@shared/i18n/translator'

export function stateLabel(t: TFunction, s: LocalRegistryStatus): string {
  if (s.activity) return s.activity.messageMsg ? renderMsg(t, s.activity.messageMsg) : s.activity.message
  switch (s.state) {
    case 'running':
      return t('local.state.running')
    case 'stopped':
      return t('local.state.stopped')
    case 'restarting':
      return t('local.state.restarting')
    default:
      return t('local.state.absent')
  }
}

export function stateDot(s: LocalRegistryStatus): string {
  if (s.activity) return 'dot-amber'
  return s.state === 'running' ? 'dot-green' : s.state === 'restarting' ? 'dot-amber' : s.state === 'stopped' ? 'dot-red' : 'dot-grey'
}
