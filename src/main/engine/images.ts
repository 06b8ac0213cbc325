import type Docker from 'dockerode'
import {
  BerthError,
  type ImageContainerRef,
  type ImageDetails,
  type ImageSummary,
  type PruneResult,
  type RemoveResult
} from '@shared/contract'
import { InvalidReferenceError, familiarReference, familiarString, formatReference, type ParsedReference } from '@shared/reference'
import { parseTarget } from '@shared/referenceCheck'
import { engineError } from './engineErrors'
import { m } from '@shared/i18n/message'
import { tagImage } from './tagging'

/** Local images: list, inspect, tag, remove, prune. Knows nothing of Electron or transports. */
export class ImageService {
  constructor(
    private readonly docker: () => Docker,
    private readonly changed: (reason: string) => void
  ) {}

  async list(): Promise<ImageSummary[]> {
    const docker = this.docker()
    try {
      const [images, containers] = await Promise.all([docker.listImages({ all: false }), docker.listContainers({ all: true })])
      const usage = new Map<string, number>()
      for (const c of containers) usage.set(c.ImageID, (usage.get(c.ImageID) ?? 0) + 1)
      return images.map((img) => {
        // Podman names images in full (docker.io/library/registry:2); the list shows what people
        // type, as Docker does. The details keep the engine's full form.
        const repoTags = (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>').map(familiarReference)
        return {
          id: img.Id,
          shortId: shortId(img.Id),
          repoTags,
          repoDigests: (img.RepoDigests ?? []).filter((d) => d !== '<none>@<none>').map(familiarReference),
          created: img.Created,
          size: img.Size,
          containers: usage.get(img.Id) ?? 0,
          dangling: repoTags.length === 0
        }
      })
    } catch (e) {
      throw engineError(e, m('what.listImages'))
    }
  }

  async inspect(id: string): Promise<ImageDetails> {
    const docker = this.docker()
    try {
      const image = docker.getImage(id)
      const [info, history] = await Promise.all([image.inspect(), image.history() as Promise<HistoryEntry[]>])
      const config = info.Config ?? ({} as Docker.ImageInspectInfo['Config'])
      return {
        id: info.Id,
        repoTags: info.RepoTags ?? [],
        repoDigests: info.RepoDigests ?? [],
        created: info.Created,
        size: info.Size,
        architecture: info.Architecture,
        os: info.Os,
        variant: (info as { Variant?: string }).Variant,
        entrypoint: asList(config.Entrypoint),
        cmd: asList(config.Cmd),
        env: config.Env ?? [],
        labels: config.Labels ?? {},
        exposedPorts: Object.keys(config.ExposedPorts ?? {}),
        workingDir: config.WorkingDir ?? '',
        user: config.User ?? '',
        rootfsLayers: info.RootFS?.Layers ?? [],
        history: history.map((h) => ({
          size: h.Size,
          createdBy: h.CreatedBy ?? '',
          created: h.Created,
          comment: h.Comment ?? '',
          emptyLayer: h.Size === 0
        })),
        containers: await this.containersUsing(info.Id)
      }
    } catch (e) {
      throw engineError(e, m('what.inspectImage', { id }))
    }
  }

  async tag(source: string, target: string): Promise<{ reference: string }> {
    const ref = tagTarget(target)
    const docker = this.docker()
    try {
      await docker.getImage(source).inspect()
    } catch (e) {
      throw engineError(e, m('what.findImage', { id: source }))
    }
    await tagImage(docker, source, formatReference(ref))
    this.changed('tag')
    return { reference: familiarString(ref) }
  }

  /** Removes the whole image (all its tags). Refuses an image containers use unless forced. */
  async remove(id: string, force = false): Promise<RemoveResult> {
    const docker = this.docker()
    let fullId: string
    try {
      fullId = (await docker.getImage(id).inspect()).Id
    } catch (e) {
      throw engineError(e, m('what.findImage', { id }))
    }
    const users = await this.containersUsing(fullId)
    if (users.length > 0 && !force) {
      throw new BerthError(
        'IMAGE_IN_USE',
        m('errors.images.inUse', { id: shortId(fullId), count: users.length, names: users.map((c) => c.name).join(', ') }),
        m('hints.images.removeContainersOrForce'),
        { containers: users }
      )
    }
    try {
      // force also removes an image that has several tags, which is what "Remove image" means here.
      const out = (await docker.getImage(fullId).remove({ force: true })) as RemoveEntry[]
      this.changed('remove')
      return removeResult(out)
    } catch (e) {
      const err = engineError(e, m('what.removeImage', { id: shortId(fullId) }))
      if (err.code === 'CONFLICT') throw new BerthError('IMAGE_IN_USE', err.msg ?? err.message, m('hints.images.stopContainers'), { containers: users })
      throw err
    }
  }

  /** Removes one tag; the image stays unless this was its last tag and allowDelete is set. */
  async untag(reference: string, allowDelete = false): Promise<RemoveResult> {
    const docker = this.docker()
    let info: Docker.ImageInspectInfo
    try {
      info = await docker.getImage(reference).inspect()
    } catch (e) {
      throw engineError(e, m('what.findTag', { reference }))
    }
    if ((info.RepoTags ?? []).length <= 1 && !allowDelete) {
      throw new BerthError(
        'CONFLICT',
        m('errors.images.lastTag', { reference, id: shortId(info.Id) }),
        m('hints.images.confirmOrTag'),
        { imageId: info.Id }
      )
    }
    try {
      // Not forced: the engine then only untags when other tags remain.
      const out = (await docker.getImage(reference).remove({ force: false })) as RemoveEntry[]
      this.changed('untag')
      return removeResult(out)
    } catch (e) {
      throw engineError(e, m('what.removeTag', { reference }))
    }
  }

  /** `label` narrows the prune (tests: a global prune would also take other builds' in-progress layers). */
  async prune(label?: string): Promise<PruneResult> {
    try {
      const out = await this.docker().pruneImages({ filters: { dangling: ['true'], ...(label ? { label: [label] } : {}) } })
      this.changed('prune')
      return { deleted: (out.ImagesDeleted ?? []).length, spaceReclaimed: out.SpaceReclaimed ?? 0 }
    } catch (e) {
      throw engineError(e, m('what.pruneDangling'))
    }
  }

  private async containersUsing(imageId: string): Promise<ImageContainerRef[]> {
    const all = await this.docker().listContainers({ all: true })
    return all
      .filter((c) => c.ImageID === imageId)
      .map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), state: c.State }))
  }
}

interface HistoryEntry {
  Id: string
  Created: number
  CreatedBy?: string
  Size: number
  Comment?: string
}

interface RemoveEntry {
  Untagged?: string
  Deleted?: string
}

function removeResult(out: RemoveEntry[]): RemoveResult {
  return {
    untagged: out.flatMap((e) => (e.Untagged ? [familiarReference(e.Untagged)] : [])),
    deleted: out.flatMap((e) => (e.Deleted ? [e.Deleted] : []))
  }
}

function tagTarget(target: string): ParsedReference {
  try {
    return parseTarget(target, 'tag')
  } catch (e) {
    if (e instanceof InvalidReferenceError) throw new BerthError('INVALID_INPUT', e.msg ?? e.message, m('hints.fixNameNothingChanged'))
    throw e
  }
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12)
}

function asList(v: string | string[] | undefined | null): string[] {
  if (!v) return []
  return Array.isArray(v) ? v : [v]
}
