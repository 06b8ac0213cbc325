import { api } from '../lib/api'
import { msgOr } from '../lib/i18n'
import { useToasts } from './toasts'

/** Shows main's one-time notices (e.g. a damaged settings file kept aside) as toasts that stay until read. */
export function initNotices(): () => void {
  const show = (): void => {
    api
      .call('notices.take')
      .then((list) => list.forEach((n) => useToasts.getState().show({ kind: 'error', title: msgOr(n.msg, n.message), hint: n.hint && msgOr(n.hintMsg, n.hint) })))
      .catch(() => undefined)
  }
  const off = api.on('notices.added', show)
  show()
  return off
}
