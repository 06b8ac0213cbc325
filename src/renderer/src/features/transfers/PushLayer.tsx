import type { RegistryEntry } from '@shared/contract'
import { PushDialog } from './PushDialog'
import { PushMenu } from './PushMenu'
import { usePush } from './pushStore'

/** The push dialog and the "Push to…" menu, floating above the pages: rendered once by App. */
export function PushLayer({ registries }: { registries: RegistryEntry[] }): React.JSX.Element {
  const request = usePush((s) => s.request)
  const menu = usePush((s) => s.menu)
  const close = usePush((s) => s.close)
  return (
    <>
      {menu && <PushMenu menu={menu} registries={registries} />}
      {request && <PushDialog key={JSON.stringify(request)} request={request} registries={registries} onClose={close} />}
    </>
  )
}
