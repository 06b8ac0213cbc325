// Work that must not run beside a live registry (collecting, removing folders from its volume):
// the registry is stopped first and, whatever happens, comes back as it was.
import type Docker from 'dockerode'
import { stopContainer } from './containers'
import type { RegistryContext } from './context'
import { waitReady } from './readiness'
import type { RegistrySetup } from './spec'

export async function whileStopped<T>(ctx: RegistryContext, info: Docker.ContainerInspectInfo, setup: RegistrySetup, work: () => Promise<T>): Promise<T> {
  const wasRunning = info.State.Running
  if (wasRunning) await stopContainer(ctx, info.Id)
  try {
    return await work()
  } finally {
    if (wasRunning) {
      await ctx.docker().getContainer(info.Id).start().catch(() => undefined)
      await waitReady(ctx, info.Id, setup).catch(() => undefined)
    }
  }
}
