// Push: preflight and find the image, tag it as the target when needed, push exactly that tag.
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { engineError } from '../engine/engineErrors'
import { followDaemonStream } from '../engine/progress'
import { localLayerSizes } from './expectedLayers'
import type { Runner } from './run'

export const runPush: Runner<'push'> = async (run, spec, ctx) => {
  const { docker } = ctx
  // Both only read; the preflight's verdict decides whether anything happens.
  const [check, source] = await Promise.all([
    ctx.preflight(spec.registry),
    docker
      .getImage(spec.source)
      .inspect()
      .then((info) => ({ info }), (error: unknown) => ({ error }))
  ])
  if (check.problem) throw BerthError.fromData(check.problem)
  if ('error' in source) throw engineError(source.error, m('what.findImage', { id: spec.source }))
  ctx.throwIfAborted()
  const imageId = source.info.Id
  const repoTags = source.info.RepoTags ?? []
  run.expected = await localLayerSizes(docker, imageId)
  run.high = { done: 0, total: 0 }
  if (!repoTags.includes(`${spec.name}:${spec.tag}`)) {
    try {
      await docker.getImage(imageId).tag({ repo: spec.name, tag: spec.tag })
    } catch (e) {
      throw engineError(e, m('what.tagAs', { source: spec.source, target: spec.target }))
    }
    ctx.emit('images.changed', { reason: 'tag' })
  }
  ctx.throwIfAborted()

  const authconfig = await ctx.auth(spec.registry)
  ctx.throwIfAborted()
  // The name without the tag, and the tag apart: without `tag` the engine pushes every tag of
  // the repository, and Podman refuses a name with a tag.
  const stream = await docker.getImage(spec.name).push({ tag: spec.tag, authconfig, abortSignal: run.abort.signal })
  await followDaemonStream(stream, run.tracker, { signal: run.abort.signal, onUpdate: ctx.update })
  ctx.emit('images.changed', { reason: 'push' })
}
