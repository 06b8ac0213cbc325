import type { LocalRegistryStatus } from '@shared/contract'

export function stateLabel(s: LocalRegistryStatus): string {
  if (s.activity) return s.activity.message
  switch (s.state) {
    case 'running':
      return 'Running'
    case 'stopped':
      return 'Stopped'
    case 'restarting':
      return 'Restarting'
    default:
      return 'Not created'
  }
}

export function stateDot(s: LocalRegistryStatus): string {
  if (s.activity) return 'dot-amber'
  return s.state === 'running' ? 'dot-green' : s.state === 'restarting' ? 'dot-amber' : s.state === 'stopped' ? 'dot-red' : 'dot-grey'
}
