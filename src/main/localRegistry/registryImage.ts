// Getting the registry image before the first start: pulled (straight, or through a mirror and
// then tagged under its usual name), or loaded from a `docker save` tar the user brings.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { BerthError } from '@shared/contract/errors'
import type { LoadRegistryImageResult } from '@shared/contract/localRegistry'
import type { RegistryContext } from './context'
import { m } from '@shared/i18n/message'
import { tagImage } from '../engine/tagging'
import { adoptLoadedImage, engineMirrors, imageId, imageUnavailable, loadArchive, mirrorReference, normalizeMirror } from './image'

/** The configured image is present afterwards, or a BerthError that offers mirror and tar. */
export async function ensureImage(ctx: RegistryContext, mirror: string | undefined): Promise<void> {
  const docker = ctx.docker()
  const { image } = ctx.identity
  if (!mirror && (await imageId(docker, image))) return
  const source = mirror ? mirrorReference(image, mirror) : image
  await ctx.activity.run('pulling', mirror ? m('activity.pullingMirror', { image, mirror: normalizeMirror(mirror) }) : m('activity.pulling', { image }), async () => {
    try {
      await ctx.puller.pull(source, (transferId) => ctx.activity.setTransfer(transferId))
    } catch (e) {
      throw imageUnavailable(e, image, await engineMirrors(docker), mirror && normalizeMirror(mirror))
    }
    if (mirror) {
      // Run it under its usual name; the mirror's name for it is only a way in.
      // Checked: the mirror's name is removed next, and must not be the image's only name.
      await tagImage(docker, source, image)
      await docker.getImage(source).remove({ noprune: true }).catch(() => undefined)
    }
    ctx.opts.onImagesChanged?.('pull')
  })
}

/** A tar file chosen on this machine, opened for loadRegistryImage. */
export async function openImageTar(path: string): Promise<{ archive: NodeJS.ReadableStream; label: string }> {
  const isFile = await stat(path).then(
    (st) => st.isFile(),
    () => false
  )
  if (!isFile) throw new BerthError('NOT_FOUND', m('errors.local.noFile', { path }), m('hints.local.chooseTarAgain'))
  return { archive: createReadStream(path), label: path.split(/[\\/]/).pop() ?? path }
}

/** Loads a `docker save` tar (a file or an upload) and makes sure it provides the registry image. */
export async function loadRegistryImage(ctx: RegistryContext, archive: NodeJS.ReadableStream, label: string): Promise<LoadRegistryImageResult> {
  const docker = ctx.docker()
  const loaded = await ctx.activity.run('loading', m('activity.loading', { label }), async () => {
    const refs = await loadArchive(docker, archive)
    ctx.opts.onImagesChanged?.('load')
    await adoptLoadedImage(docker, ctx.identity.image, refs)
    return refs
  })
  ctx.opts.onImagesChanged?.('tag')
  return { loaded, image: ctx.identity.image }
}
