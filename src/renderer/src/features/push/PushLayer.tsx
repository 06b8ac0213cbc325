import { CredentialsDialogHost } from '../registries/CredentialsDialog'
import { FileDropOverlay } from './FileDropOverlay'
import { PushDialog } from './PushDialog'
import { PushMenu } from './PushMenu'
import { usePush } from './pushStore'

/** Everything push-related that floats above the pages: rendered once by App. */
export function PushLayer(): React.JSX.Element {
  const request = usePush((s) => s.request)
  const menu = usePush((s) => s.menu)
  const close = usePush((s) => s.close)
  return (
    <>
      {menu && <PushMenu menu={menu} />}
      {request && <PushDialog key={JSON.stringify(request)} request={request} onClose={close} />}
      <CredentialsDialogHost />
      <FileDropOverlay />
    </>
  )
}
