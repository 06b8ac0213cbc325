// A tag row (digest, size, created, platforms) made from the full description. Content by
// digest never changes, so rows are cached by digest; a tag seen moments ago is trusted to
// still point where it did, an older one is checked with a cheap HEAD first.
import type { TagSummary } from '@shared/contract/browse'
import type { TagDetails } from '@shared/contract/registryTypes'
import type { RegistryClient } from '../registry'
import { Lru } from './lru'

const TAG_TRUST_MS = 30_000

type Row = Omit<TagSummary, 'tag'>

export function toSummary(d: TagDetails): TagSummary {
  const created = d.platforms.map((p) => p.created).filter((c): c is string => !!c).sort().at(-1) ?? d.config?.created
  return {
    tag: d.tag,
    digest: d.digest,
    mediaType: d.mediaType,
    isIndex: d.isIndex,
    size: d.size,
    ...(created ? { created } : {}),
    platforms: d.platforms.filter((p) => p.os || p.architecture).map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/'))
  }
}

export class SummaryCache {
  private readonly byDigest = new Lru<string, Row>(20_000)
  private readonly tagDigest = new Lru<string, { digest: string; at: number }>(20_000)

  constructor(private readonly now: () => number = Date.now) {}

  async summary(client: RegistryClient, scope: string, repository: string, tag: string): Promise<TagSummary> {
    const tagKey = `${scope}|${repository}|${tag}`
    const known = this.tagDigest.get(tagKey)
    let digest = known && this.now() - known.at < TAG_TRUST_MS ? known.digest : undefined
    if (known && !digest) {
      digest = (await client.headManifest(repository, tag)).digest
      this.tagDigest.set(tagKey, { digest, at: this.now() })
    }
    const row = digest ? this.byDigest.get(`${scope}|${repository}|${digest}`) : undefined
    if (row) return { tag, ...row }
    const s = toSummary(await client.describeTag(repository, tag))
    this.tagDigest.set(tagKey, { digest: s.digest, at: this.now() })
    const { tag: _t, ...rest } = s
    this.byDigest.set(`${scope}|${repository}|${s.digest}`, rest)
    return s
  }

  /** After a delete: the repository's tags point elsewhere (or nowhere) now. */
  forgetRepository(scope: string, repository: string): void {
    const prefix = `${scope}|${repository}|`
    this.tagDigest.deleteWhere((k) => k.startsWith(prefix))
  }
}

