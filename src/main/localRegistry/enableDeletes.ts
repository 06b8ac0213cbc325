// A registry container created before Berth turned deletes on (or by hand with Berth's label)
// refuses every delete. Turning them on means a new container from Berth's recipe, which always
// sets REGISTRY_STORAGE_DELETE_ENABLED=true; the volume, and every image in it, stays.
import { m } from '@shared/i18n/message'
import { requireRegistryContainer } from './containers'
import type { RegistryContext } from './context'
import { recreate } from './reconfigure'
import { setupOf } from './spec'

export const DELETES_ON = 'REGISTRY_STORAGE_DELETE_ENABLED=true'

/** True when the container had to be re-created; false when deletes were on already. */
export async function enableDeletes(ctx: RegistryContext): Promise<boolean> {
  const info = await requireRegistryContainer(ctx, m('what.local.deletesOn'))
  if ((info.Config?.Env ?? []).includes(DELETES_ON)) return false
  await recreate(ctx, info, setupOf(info))
  return true
}
