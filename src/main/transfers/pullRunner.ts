// Pull: the engine's create-image call with the credentials Berth resolves for the registry.
import { followDaemonStream } from '../engine/progress'
import { inspectPulled } from './confirm'
import type { Runner } from './run'

export const runPull: Runner<'pull'> = async (run, spec, ctx) => {
  const authconfig = await ctx.auth(spec.registry)
  ctx.throwIfAborted()
  const stream = await ctx.docker.createImage(authconfig, { fromImage: spec.fromImage, tag: spec.tag, abortSignal: run.abort.signal })
  await followDaemonStream(stream, run.tracker, { signal: run.abort.signal, onUpdate: ctx.update })
  // Podman reports the config blob (the image id) like a layer and sends no digest: the image tells.
  const pulled = await inspectPulled(ctx.docker, spec.reference)
  if (pulled) {
    const known = run.tracker.snapshot().digest
    run.tracker.confirm({ notLayers: pulled.notLayers, ...(known ? {} : { digest: pulled.digest }) })
    ctx.update()
  }
  ctx.emit('images.changed', { reason: 'pull' })
}
