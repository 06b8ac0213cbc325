import { z } from 'zod'
import { imageRefField } from './fields'
import type { ImageConfigSummary } from './imageConfig'
import { m } from '../i18n/message'

export interface ImageSummary {
  id: string
  shortId: string
  repoTags: string[]
  repoDigests: string[]
  /** Unix seconds. */
  created: number
  size: number
  /** Containers (running or not) created from this image. */
  containers: number
  /** No tag at all: `<none>:<none>`. */
  dangling: boolean
}

export interface ImageLayer {
  /** History entries that made no layer have size 0. */
  size: number
  createdBy: string
  created: number
  comment: string
  emptyLayer: boolean
}

export interface ImageContainerRef {
  id: string
  name: string
  state: string
}

export interface ImageDetails extends ImageConfigSummary {
  id: string
  repoTags: string[]
  repoDigests: string[]
  created: string
  size: number
  /** Layer digests from the rootfs, in order. */
  rootfsLayers: string[]
  history: ImageLayer[]
  containers: ImageContainerRef[]
}

export interface RemoveResult {
  /** Tags removed. */
  untagged: string[]
  /** Image and layer IDs deleted. */
  deleted: string[]
}

export interface PruneResult {
  deleted: number
  spaceReclaimed: number
}

const id = imageRefField(m('errors.input.imageRefRequired'))

export const imageCalls = {
  'images.list': z.void(),
  'images.inspect': z.object({ id }),
  /** Tags `source` (an ID or reference) as `target` (validated by parseReference). */
  'images.tag': z.object({ source: id, target: imageRefField(m('errors.input.newNameRequired')) }),
  /** Removes the image. Without force, an image used by a container is refused with IMAGE_IN_USE. */
  'images.remove': z.object({ id, force: z.boolean().optional() }),
  /** Removes one tag; refused with CONFLICT when it is the image's last tag unless `allowDelete`. */
  'images.untag': z.object({ reference: imageRefField(m('errors.input.tagRequired')), allowDelete: z.boolean().optional() }),
  'images.prune': z.void()
}

/** Calls that only read: safe to repeat after a network failure (see lib/api.ts). */
export const imageReadOnly = ['images.list', 'images.inspect'] as const satisfies readonly (keyof typeof imageCalls)[]

export interface ImageResults {
  'images.list': ImageSummary[]
  'images.inspect': ImageDetails
  'images.tag': { reference: string }
  'images.remove': RemoveResult
  'images.untag': RemoveResult
  'images.prune': PruneResult
}

export interface ImageEvents {
  /** Something changed the local image list (a push, pull, load, tag, remove…). */
  'images.changed': { reason: string }
}
