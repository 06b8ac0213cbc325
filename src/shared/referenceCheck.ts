// What someone typed as an image reference, checked the same way for live form feedback (the
// renderer) and for the calls that act on it (main).
import { BerthError, toBerthError } from './contract/errors'
import { m, type Msg } from './i18n/message'
import { formatReference, parseReference, withDefaultTag, type ParsedReference } from './reference'

/** A name to tag or push to: "latest" when it has no tag, and no digest (the registry computes that). */
export function parseTarget(input: string, what: 'tag' | 'push'): ParsedReference {
  const ref = parseReference(input.trim())
  if (ref.digest) throw new BerthError('INVALID_INPUT', m(what === 'tag' ? 'errors.images.tagWithDigest' : 'errors.transfers.targetDigest', { target: input.trim() }), m('hints.transfers.removeDigest'))
  return withDefaultTag(ref)
}

export type ReferenceCheck = { ok: true; full: string } | { ok: false; error?: Msg }

/** The fully qualified reference a typed name becomes (to pull, or to tag as), or why it is not one. */
export function checkReference(input: string, use: 'pull' | 'tag'): ReferenceCheck {
  if (!input.trim()) return use === 'tag' ? { ok: false, error: m('tag.typeName') } : { ok: false }
  try {
    const ref = use === 'tag' ? parseTarget(input, 'tag') : withDefaultTag(parseReference(input.trim()))
    return { ok: true, full: formatReference(ref) }
  } catch (e) {
    const err = toBerthError(e)
    return { ok: false, error: err.msg ?? m('errors.raw', { text: err.message }) }
  }
}
