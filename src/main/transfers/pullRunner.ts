// Pull: the engine's create-image call with the credentials Berth resolves for the registry.
import { followDaemonStream, type ProgressTracker } from '../engine/progress'
import type { Runner } from './run'

export const runPull: Runner<'pull'> = async (run, spec, ctx) => {
  const authconfig = await ctx.auth(spec.registry)
  ctx.throwIfAborted()
  const stream = await ctx.docker.createImage(authconfig, { fromImage: spec.fromImage, tag: spec.tag, abortSignal: run.abort.signal })
  await followDaemonStream(stream, run.tracker as ProgressTracker, { signal: run.abort.signal, onUpdate: ctx.update })
  ctx.emit('images.changed', { reason: 'pull' })
}
