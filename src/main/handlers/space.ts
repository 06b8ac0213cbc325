import type { Handlers, SpaceResults } from '@shared/contract'
import type { Services } from '../services'

export function spaceHandlers(s: Services): Pick<Handlers, keyof SpaceResults> {
  return {
    'space.repository': ({ registryId, repository }) => s.space.repository(registryId, repository),
    'space.registry': ({ registryId, jobId }) => s.space.registry(registryId, jobId),
    'space.cancel': async ({ jobId }) => s.space.cancel(jobId),
    'space.compare': ({ registryId, repository, a, b, platform }) => s.space.compare(registryId, repository, a, b, platform)
  }
}
