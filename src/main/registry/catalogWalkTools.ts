// What the two ways of walking a catalog share: the page function, the running count, and how
// a walk stops short (Stop, thrown inside a walk, becomes the IncompleteWalk the caller sees).
import { toBerthError } from '@shared/contract/errors'
import type { CatalogPage } from '@shared/contract/registryTypes'
import type { IncompleteWalk } from '@shared/contract/catalog'
import { m, type Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

/** Thrown inside a walk to stop it; becomes `incomplete` (never reaches the caller). */
export class Stop extends Error {
  constructor(readonly why: IncompleteWalk) {
    super(why.message)
  }
}

export type PageFn = (opts: { n: number; last?: string }) => Promise<CatalogPage>

export interface WalkTools {
  n: number
  page: PageFn
  count(k: number): void
  more(p: CatalogPage, last: string | undefined): Promise<CatalogPage | undefined>
}

/** Why a walk stopped: a Stop says it; anything else is an error midway, with its message. */
export function stopped(e: unknown): IncompleteWalk {
  if (e instanceof Stop) return e.why
  const err = toBerthError(e)
  return incompleteWalk('error', m('errors.catalog.midway', { reason: err.msg ?? err.message }), err.hintMsg ?? err.hint ?? m('hints.catalog.refresh'))
}

/** Why a walk is short, in English for logs and as catalog messages for the UI. */
export function incompleteWalk(reason: IncompleteWalk['reason'], msg: Msg, hint: Msg | string): IncompleteWalk {
  return typeof hint === 'string' ? { reason, message: inEnglish(msg), hint, msg } : { reason, message: inEnglish(msg), hint: inEnglish(hint), msg, hintMsg: hint }
}
