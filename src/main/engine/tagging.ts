// Tagging that holds on every engine. Podman answers 201 to a tag whose short name already
// resolves to the image, yet adds no name; the caller then removes what it thinks is a spare
// name and the image is gone. So: tag with the fully qualified name, then check it is there.
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'
import { formatReference, parseReference, withDefaultTag } from '@shared/reference'
import { m } from '@shared/i18n/message'
import { engineError } from './engineErrors'

/** Tags `source` (ID or reference) as `target` and resolves once the engine lists that name. */
export async function tagImage(docker: Docker, source: string, target: string): Promise<void> {
  const ref = withDefaultTag(parseReference(target))
  try {
    await docker.getImage(source).tag({ repo: `${ref.domain}/${ref.path}`, tag: ref.tag! })
  } catch (e) {
    throw engineError(e, m('what.tagAs', { source, target }))
  }
  const tags = await docker
    .getImage(source)
    .inspect()
    .then((i) => i.RepoTags ?? [])
    .catch((e: unknown) => {
      throw engineError(e, m('what.checkTag', { target }))
    })
  if (!tags.some((t) => sameReference(t, target))) {
    throw new BerthError(
      'INTERNAL',
      m('errors.tagging.notCarried', { target }),
      m('hints.tagging.byHand'),
      { target, repoTags: tags }
    )
  }
}

/** True when both name the same repository and tag once normalized ("registry:2" = "docker.io/library/registry:2"). */
export function sameReference(a: string, b: string): boolean {
  const full = (s: string): string => {
    try {
      return formatReference(withDefaultTag(parseReference(s)))
    } catch {
      return s // not a reference (an image ID): compared as written
    }
  }
  return full(a) === full(b)
}
