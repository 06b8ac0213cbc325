// What may reach the engine's URL paths: an image ID or a reference, nothing that could walk
// to another path (`..`), start a query or fragment, or smuggle encoded bytes. One rule for the
// contract (main validates every call) and for forms in the renderer.
import { BerthError } from './contract/errors'
import { m, type Msg } from './i18n/message'
import { inEnglish } from './i18n/translator'
import { parseReference } from './reference'

/** Longest text an error message repeats back from the input. */
export const ECHO_LIMIT = 200

/** `sha256:` optional, 12 to 64 lowercase hex digits: what `docker images` and `docker inspect` print. */
const IMAGE_ID = /^(?:sha256:)?[a-f0-9]{12,64}$/

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

/** Cuts text repeated back in messages (and logs) to a bounded, single-line form. */
export function clip(text: string, limit = ECHO_LIMIT): string {
  const flat = text.replace(/[\r\n]+/g, ' ')
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat
}

/** Why this string must never be put into an engine URL path, or null. */
export function pathTrickProblem(value: string): Msg | null {
  if (value.includes('..')) return m('errors.input.trick.dots')
  if (value.startsWith('/')) return m('errors.input.trick.slash')
  if (CONTROL.test(value)) return m('errors.input.trick.control')
  const bad = /[?#%]/.exec(value)
  if (bad) return m('errors.input.trick.char', { c: bad[0] })
  return null
}

export function isImageId(value: string): boolean {
  return IMAGE_ID.test(value)
}

/** Why `value` is neither an image ID nor a valid image reference, or null when it is one. */
export function imageRefProblem(value: string): Msg | string | null {
  const trick = pathTrickProblem(value)
  if (trick) return m('errors.input.notImageRef', { value: clip(value), reason: trick })
  if (isImageId(value)) return null
  try {
    parseReference(value)
    return null
  } catch (e) {
    // The grammar's message may repeat the whole input: past the echo limit, the clipped English.
    if (e instanceof BerthError && e.msg && inEnglish(e.msg).length <= ECHO_LIMIT * 2) return e.msg
    return clip(e instanceof Error ? e.message : String(e), ECHO_LIMIT * 2)
  }
}
