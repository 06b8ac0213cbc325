// Pull: the engine's create-image call with the credentials Berth resolves for the registry.
import { followDaemonStream, type ProgressTracker } from '../engine/progress'
import { inspectPulled } from './confirm'
import type { Runner } from './run'

export const runPull: Runner<'pull'> = async (run, spec, ctx) => {
  const authconfig = await ctx.auth(spec.registry)
  ctx.throwIfAborted()
  const stream = await ctx.docker.createImage(authconfig, { fromImage: spec.fromImage, tag: spec.tag, abortSignal: run.abort.signal })
  // Only copies have another tracker; a push or pull always follows the daemon's stream.
  const tracker = run.tracker as ProgressTracker
  await followDaemonStream(stream, tracker, { signal: run.abort.signal, onUpdate: ctx.update })
  // Podman reports the config blob (the image id) like a layer and sends no digest: the image tells.
  const pulled = await inspectPulled(ctx.docker, spec.reference)
  if (pulled) {
    const known = tracker.snapshot().digest
    tracker.confirm({ notLayers: pulled.notLayers, ...(known ? {} : { digest: pulled.digest }) })
    ctx.update()
  }
  ctx.emit('images.changed', { reason: 'pull' })
}
