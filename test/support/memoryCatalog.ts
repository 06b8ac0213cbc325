// An in-memory registry:2 `_catalog` for the walk's unit tests: names after `last` in the
// registry's order, at most `maxN` a page, Link while more. `work` counts what registry:2 pays
// for the requests so far (each walks its storage up to `last`, then `n` names more), and
// `exists` answers as a tag-list request would: is this repository there.
import type { CatalogPage } from '@shared/contract/registryTypes'
import { BerthError } from '@shared/contract/errors'
import { compareNames, type NameOrder, type PageFn } from '../../src/main/registry'

export interface MemoryCatalog extends PageFn {
  calls: { n: number; last?: string }[]
  work: number
  probes: number
  exists(name: string): Promise<boolean>
}

export interface MemoryCatalogOptions {
  order?: NameOrder
  maxN?: number
  /** Every request after this many fails (the registry went away). */
  failAfter?: number
  failOn?: (o: { n: number; last?: string }) => boolean
  ignoreLast?: boolean
  /** Names in the given order, not sorted (a registry out of lexical order). */
  shuffle?: boolean
  /** Every name "exists" (a registry that answers any tag list). */
  existsAlways?: boolean
}

export function memoryCatalog(names: readonly string[], opts: MemoryCatalogOptions = {}): MemoryCatalog {
  const order = opts.order ?? 'path'
  const sorted = opts.shuffle ? [...names] : [...new Set(names)].sort((a, b) => compareNames(order, a, b))
  const present = new Set(names)
  const calls: { n: number; last?: string }[] = []
  const fn = async (o: { n: number; last?: string }): Promise<CatalogPage> => {
    calls.push(o)
    if ((opts.failAfter !== undefined && calls.length > opts.failAfter) || opts.failOn?.(o)) throw new BerthError('REGISTRY_UNREACHABLE', 'Cannot reach the registry at x: connection refused.', 'Check that the registry is running.')
    const n = Math.min(o.n, opts.maxN ?? 1000)
    const start = o.last === undefined || opts.ignoreLast ? 0 : opts.shuffle ? sorted.indexOf(o.last) + 1 : sorted.findIndex((r) => compareNames(order, r, o.last!) > 0)
    const from = start < 0 ? sorted.length : start
    reg.work += Math.min(sorted.length, from + n)
    const repositories = sorted.slice(from, from + n)
    return from + n < sorted.length ? { repositories, next: { n, last: repositories.at(-1)! } } : { repositories }
  }
  const reg: MemoryCatalog = Object.assign(fn, {
    calls,
    work: 0,
    probes: 0,
    exists: async (name: string) => {
      reg.probes++
      return opts.existsAlways === true || present.has(name)
    }
  })
  return reg
}
