import type { Handlers, NoticeResults } from '@shared/contract'
import type { Services } from '../services'

export function noticeHandlers(s: Services): Pick<Handlers, keyof NoticeResults> {
  return {
    'notices.take': async () => s.notices.take()
  }
}
