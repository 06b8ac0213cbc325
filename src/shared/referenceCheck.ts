// What someone typed as an image reference, checked the same way for live form feedback (the
// renderer) and for the calls that act on it (main).
import { BerthError, toBerthError } from './contract/errors'
import { formatReference, parseReference, withDefaultTag, type ParsedReference } from './reference'

/** A name to tag or push to: "latest" when it has no tag, and no digest (the registry computes that). */
export function parseTarget(input: string, what: 'tag' | 'push'): ParsedReference {
  const ref = parseReference(input.trim())
  if (ref.digest) throw new BerthError('INVALID_INPUT', `A ${what} target cannot contain a digest: "${input.trim()}".`, 'Remove the @sha256:… part; the registry computes the digest.')
  return withDefaultTag(ref)
}

export type ReferenceCheck = { ok: true; full: string } | { ok: false; error: string }

/** The fully qualified reference a typed name becomes (to pull, or to tag as), or why it is not one. */
export function checkReference(input: string, use: 'pull' | 'tag'): ReferenceCheck {
  if (!input.trim()) return { ok: false, error: use === 'tag' ? 'Type a name such as localhost:5000/app:1.0' : '' }
  try {
    const ref = use === 'tag' ? parseTarget(input, 'tag') : withDefaultTag(parseReference(input.trim()))
    return { ok: true, full: formatReference(ref) }
  } catch (e) {
    return { ok: false, error: toBerthError(e).message }
  }
}
