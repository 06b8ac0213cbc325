// Push: preflight and find the image, tag it as the target when needed, push exactly that tag.
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { engineError } from '../engine/engineErrors'
import { followDaemonStream, type ProgressTracker } from '../engine/progress'
import { parseReference } from '@shared/reference'
import { sameReference, tagImage } from '../engine/tagging'
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
  if (!repoTags.some((t) => sameReference(t, spec.target))) {
    await tagImage(docker, imageId, spec.target)
    ctx.emit('images.changed', { reason: 'tag' })
  }
  ctx.throwIfAborted()

  const authconfig = await ctx.auth(spec.registry)
  ctx.throwIfAborted()
  // The name without the tag, and the tag apart: without `tag` the engine pushes every tag of
  // the repository, and Podman refuses a name with a tag.
  const stream = await docker.getImage(spec.name).push({ tag: spec.tag, authconfig, abortSignal: run.abort.signal })
  // Only copies have another tracker; a push or pull always follows the daemon's stream.
  const tracker = run.tracker as ProgressTracker
  await followDaemonStream(stream, tracker, { signal: run.abort.signal, onUpdate: ctx.update })
  if (!tracker.sawAuxDigest && !ctx.onEngineLoopback(spec.registry)) {
    // No aux (Podman, containerd store): the registry says what it stored, and its real size.
    const pushed = await ctx.headPushed(spec.registry, parseReference(spec.target).path, spec.tag, {
      scheme: ctx.knownScheme?.(spec.registry),
      credentials: () => ctx.registryCredentials(spec.registry)
    })
    if (pushed) {
      tracker.confirm(pushed)
      ctx.update()
    }
  }
  ctx.emit('images.changed', { reason: 'push' })
}
