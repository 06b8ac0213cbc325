import type { RegistryEntry } from '@shared/contract'
import { CopyDialog } from './CopyDialog'
import { useCopy } from './copyStore'

/** The "Copy to…" dialog, rendered once by App. */
export function CopyLayer({ registries, onStarted }: { registries: RegistryEntry[]; onStarted(): void }): React.JSX.Element | null {
  const request = useCopy((s) => s.request)
  if (!request) return null
  return <CopyDialog key={JSON.stringify(request)} request={request} registries={registries} onStarted={onStarted} />
}
