// Two tags of a repository side by side: which layers they share, which `b` adds or drops, and
// what its config changes (env, cmd, entrypoint, labels, user, workdir, ports).
import type { ImageConfigSummary } from '@shared/contract/imageConfig'
import type { CompareLayer, ConfigChange, TagComparison } from '@shared/contract/space'
import type { RegistryClient } from '../registry'

export async function compareTags(c: RegistryClient, repository: string, a: string, b: string, platform?: string): Promise<TagComparison> {
  const [da, db] = await Promise.all([c.describeTag(repository, a, platform ? { platform } : {}), c.describeTag(repository, b, platform ? { platform } : {})])
  const inA = new Set(da.layers.map((l) => l.digest))
  const inB = new Set(db.layers.map((l) => l.digest))
  const layers: CompareLayer[] = [
    ...db.layers.map((l) => ({ digest: l.digest, size: l.size, change: inA.has(l.digest) ? ('shared' as const) : ('added' as const) })),
    ...da.layers.filter((l) => !inB.has(l.digest)).map((l) => ({ digest: l.digest, size: l.size, change: 'removed' as const }))
  ]
  const bytes = (change: CompareLayer['change']): number => layers.filter((l) => l.change === change).reduce((n, l) => n + l.size, 0)
  return {
    repository,
    a: { tag: a, digest: da.digest, ...(da.selectedPlatform ? { platform: da.selectedPlatform } : {}) },
    b: { tag: b, digest: db.digest, ...(db.selectedPlatform ? { platform: db.selectedPlatform } : {}) },
    layers,
    sharedBytes: bytes('shared'),
    addedBytes: bytes('added'),
    removedBytes: bytes('removed'),
    config: configChanges(da.config, db.config)
  }
}

const keyed = (pairs: string[], sep: string): Map<string, string> => new Map(pairs.map((p) => [p.split(sep)[0]!, p.slice(p.indexOf(sep) + 1)]))

function mapChanges(field: string, before: Map<string, string>, after: Map<string, string>): ConfigChange[] {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort()
  return keys.flatMap((key) => {
    const x = before.get(key)
    const y = after.get(key)
    return x === y ? [] : [{ field, key, ...(x !== undefined ? { before: x } : {}), ...(y !== undefined ? { after: y } : {}) }]
  })
}

function valueChange(field: string, x: string, y: string): ConfigChange[] {
  return x === y ? [] : [{ field, ...(x ? { before: x } : {}), ...(y ? { after: y } : {}) }]
}

/** Changes from `a`'s config to `b`'s; a missing config counts as empty. */
export function configChanges(a: ImageConfigSummary | undefined, b: ImageConfigSummary | undefined): ConfigChange[] {
  const json = (x: string[] | undefined): string => (x && x.length > 0 ? JSON.stringify(x) : '')
  return [
    ...mapChanges('Env', keyed(a?.env ?? [], '='), keyed(b?.env ?? [], '=')),
    ...valueChange('Entrypoint', json(a?.entrypoint), json(b?.entrypoint)),
    ...valueChange('Cmd', json(a?.cmd), json(b?.cmd)),
    ...mapChanges('Label', new Map(Object.entries(a?.labels ?? {})), new Map(Object.entries(b?.labels ?? {}))),
    ...valueChange('User', a?.user ?? '', b?.user ?? ''),
    ...valueChange('WorkingDir', a?.workingDir ?? '', b?.workingDir ?? ''),
    ...valueChange('ExposedPorts', (a?.exposedPorts ?? []).join(' '), (b?.exposedPorts ?? []).join(' '))
  ]
}
