import type { RegistryEntry } from '@shared/contract'
import { registryChoice } from '../lib/registryName'

/** The registries of a picker, each named as every picker names it; `note` adds to one's label. */
export function RegistryOptions({ registries, note }: { registries: RegistryEntry[]; note?: (entry: RegistryEntry) => string }): React.JSX.Element {
  return (
    <>
      {registries.map((e) => (
        <option key={e.id} value={e.id}>
          {registryChoice(e)}
          {note?.(e)}
        </option>
      ))}
    </>
  )
}
