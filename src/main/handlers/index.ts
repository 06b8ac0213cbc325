import type { Handlers } from '@shared/contract'
import type { Services } from '../services'
import { engineHandlers } from './engine'
import { imageHandlers } from './images'
import { transferHandlers } from './transfers'
import { registryHandlers } from './registries'
import { browseHandlers } from './browse'
import { catalogHandlers } from './catalog'
import { localRegistryHandlers } from './localRegistry'
import { noticeHandlers } from './notices'
import { doctorHandlers } from './doctor'
import { spaceHandlers } from './space'
import { retentionHandlers } from './retention'
import { copyHandlers } from './copy'
import { syncHandlers } from './sync'
import { hubCacheHandlers } from './hubCache'
import { archiveHandlers } from './archive'

/** Binds every contract call to a service method; both transports dispatch through this. */
export function createHandlers(s: Services): Handlers {
  return {
    ...engineHandlers(s),
    ...imageHandlers(s),
    ...transferHandlers(s),
    ...registryHandlers(s),
    ...browseHandlers(s),
    ...catalogHandlers(s),
    ...localRegistryHandlers(s),
    ...noticeHandlers(s),
    ...doctorHandlers(s),
    ...spaceHandlers(s),
    ...retentionHandlers(s),
    ...copyHandlers(s),
    ...syncHandlers(s),
    ...hubCacheHandlers(s),
    ...archiveHandlers(s)
  }
}
