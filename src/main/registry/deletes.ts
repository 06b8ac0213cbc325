// Deleting by digest removes *every* tag pointing at it, so the UI first asks which tags share
// the digest. Space returns only after the registry's garbage collection.
import { BerthError, isBerthError } from '@shared/contract/errors'
import type { DeleteManifestResult } from '@shared/contract/registryTypes'
import { mapLimit } from './concurrency'
import { looksLikeRegistryAnswer, notARegistry, unlessNotFound, type ErrorContext } from './errors'
import { headManifest } from './manifests'
import { checkDigest, checkRepository } from './names'
import { listTags } from './tags'
import { sortTags } from '@shared/tagOrder'
import { repositoryScope, type Transport } from './transport'
import { m } from '@shared/i18n/message'

const HEAD_CONCURRENCY = 8

export async function deleteManifest(t: Transport, repository: string, digest: string): Promise<DeleteManifestResult> {
  checkRepository(repository)
  checkDigest(digest)
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.deleting', { reference: `${repository}@${digest.slice(0, 19)}…` }), repository, reference: digest }
  try {
    const res = await t.request({ method: 'DELETE', url: `/v2/${repository}/manifests/${digest}`, scope: repositoryScope(repository, 'delete'), ctx })
    // Registries answer 202; a web page saying 200 must not pass for a successful delete.
    if (res.status !== 202 && !looksLikeRegistryAnswer(res)) throw notARegistry(ctx, res)
    return { digest }
  } catch (e) {
    if (isBerthError(e) && (e.details?.status === 405 || e.details?.registryCode === 'UNSUPPORTED')) {
      throw new BerthError(
        'DELETE_DISABLED',
        m('errors.reg.deleteDisabled', { address: t.address }),
        m('hints.reg.enableDelete'),
        e.details
      )
    }
    throw e
  }
}

/** Tags of `repository` whose manifest digest is `digest` (HEADs, a few at a time). */
export async function tagsSharingDigest(t: Transport, repository: string, digest: string, tags?: string[]): Promise<string[]> {
  checkRepository(repository)
  checkDigest(digest)
  const candidates = tags ?? (await listTags(t, repository))
  const hits = await mapLimit(candidates, HEAD_CONCURRENCY, async (tag) => {
    // A tag deleted meanwhile is simply not a sibling any more.
    const head = await unlessNotFound(headManifest(t, repository, tag))
    return head?.digest === digest ? tag : undefined
  })
  return sortTags(hits.filter((x): x is string => x !== undefined))
}
