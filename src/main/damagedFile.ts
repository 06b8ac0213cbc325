import { renameSync } from 'node:fs'
import type { Notice } from '@shared/contract/notices'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

/**
 * A settings file that cannot be parsed is moved aside (never silently overwritten) and the
 * user is told once where the copy is.
 */
export function keepDamagedFile(file: string, what: Msg, why: string): Notice {
  const aside = `${file}.damaged-${Date.now()}`
  try {
    renameSync(file, aside)
  } catch (e) {
    return notice(m('errors.damaged.notMoved', { what, file, why, reason: (e as Error).message }), m('hints.damaged.fix'))
  }
  return { ...notice(m('errors.damaged.keptAside', { what, why, aside }), m('hints.damaged.openCopy')), keptAt: aside }
}

const notice = (msg: Msg, hintMsg: Msg): Notice => ({ message: inEnglish(msg), hint: inEnglish(hintMsg), msg, hintMsg })
