// What the user asked for (a push, pull or load) checked and turned into the spec a run
// carries: full references for the engine, familiar names for the UI.
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { familiarName, formatReference, parseReference, withDefaultTag } from '@shared/reference'
import { parseTarget } from '@shared/referenceCheck'
import type { LoadInput, PullInput, PushInput, Spec } from './run'

export function pushSpec(input: PushInput): Spec {
  const source = input.source.trim()
  if (!source) throw new BerthError('INVALID_INPUT', m('errors.transfers.chooseImage'), m('hints.transfers.pickImage'))
  const ref = parseTarget(input.target, 'push')
  return { kind: 'push', source, target: formatReference(ref), registry: ref.domain, name: familiarName(ref), tag: ref.tag! }
}

export function pullSpec(input: PullInput): Spec {
  const ref = withDefaultTag(parseReference(input.reference.trim()))
  return { kind: 'pull', reference: formatReference(ref), registry: ref.domain, fromImage: familiarName(ref), tag: ref.digest ?? ref.tag! }
}

export function loadSpec(input: LoadInput): Spec {
  if ('path' in input) {
    const path = input.path.trim()
    if (!path) throw new BerthError('INVALID_INPUT', m('errors.transfers.pathRequired'), m('hints.transfers.dropTar'))
    return { kind: 'load', name: path.split(/[\\/]/).pop() || path, path }
  }
  return { kind: 'load', name: input.name || 'archive.tar', stream: input.stream, size: input.size }
}
