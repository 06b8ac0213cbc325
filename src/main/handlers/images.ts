import type { Handlers, ImageResults } from '@shared/contract'
import type { Services } from '../services'

export function imageHandlers(s: Services): Pick<Handlers, keyof ImageResults> {
  return {
    'images.list': () => s.images.list(),
    'images.inspect': ({ id }) => s.images.inspect(id),
    'images.tag': ({ source, target }) => s.images.tag(source, target),
    'images.remove': ({ id, force }) => s.images.remove(id, force),
    'images.untag': ({ reference, allowDelete }) => s.images.untag(reference, allowDelete),
    'images.prune': () => s.images.prune()
  }
}
