// Deletes tags one at a time, each the safest way: a tag sharing its manifest with another tag
// (or referenced by a tagged multi-arch index) loses only its name; a manifest nobody else uses
// is deleted directly. `image` mode deletes the manifest and every tag on it, on purpose.
import { BerthError, isBerthError, toBerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import type { DeleteMode, DeleteProgressEvent, DeleteTagsResult, DeleteTarget, TagDeleteFailure } from '@shared/contract/browse'
import { isIndexMediaType, mapLimit, unlessNotFound, type RegistryClient } from '../registry'

const HEAD_CONCURRENCY = 8

interface Pointer {
  digest: string
  mediaType: string
}

/** Where every tag of the repository points now (tags deleted meanwhile are left out). */
async function readPointers(c: RegistryClient, repository: string): Promise<Map<string, Pointer>> {
  const tags = await c.tags(repository)
  const heads = await mapLimit(tags, HEAD_CONCURRENCY, async (tag) => {
    const h = await unlessNotFound(c.headManifest(repository, tag))
    return h && ([tag, { digest: h.digest, mediaType: h.mediaType }] as const)
  })
  return new Map(heads.filter((h): h is readonly [string, Pointer] => h !== undefined))
}

export type DeleteProgress = Omit<DeleteProgressEvent, 'registryId' | 'repository'>

/**
 * Deletes `targets` in order. A failure of one tag is reported and the rest go on, except when
 * nothing could be deleted because of the registry itself (deletes off, no permission): that
 * error is thrown so the UI can say how to fix it.
 */
export async function deleteTags(c: RegistryClient, repository: string, targets: DeleteTarget[], mode: DeleteMode, onProgress?: (p: DeleteProgress) => void): Promise<DeleteTagsResult> {
  const pointers = await readPointers(c, repository)
  const children = new Map<string, Promise<string[]>>()
  const childrenOf = (indexDigest: string): Promise<string[]> => {
    let p = children.get(indexDigest)
    if (!p) {
      p = c.getManifest(repository, indexDigest).then((m) => (Array.isArray(m.manifest.manifests) ? (m.manifest.manifests as { digest?: unknown }[]).map((d) => String(d.digest)) : []))
      children.set(indexDigest, p)
    }
    return p
  }
  /** Another tag still needs this manifest: it shares the digest, or its index lists it. */
  const stillNeeded = async (tag: string, digest: string): Promise<boolean> => {
    for (const [other, p] of pointers) {
      if (other === tag) continue
      if (p.digest === digest) return true
      if (isIndexMediaType(p.mediaType) && (await childrenOf(p.digest)).includes(digest)) return true
    }
    return false
  }

  const deleted: string[] = []
  const failed: TagDeleteFailure[] = []
  for (const [i, target] of targets.entries()) {
    onProgress?.({ done: i, total: targets.length, tag: target.tag })
    try {
      const now = pointers.get(target.tag)
      if (!now) {
        // Gone already (with an image deleted earlier in this batch, or by someone else).
        if (!deleted.includes(target.tag)) failed.push(failure(target.tag, new BerthError('NOT_FOUND', m('errors.browse.tagGone', { reference: `${repository}:${target.tag}` }))))
        continue
      }
      if (now.digest !== target.digest) throw moved(repository, target, now.digest)
      if (mode === 'image') {
        const siblings = [...pointers].filter(([, p]) => p.digest === target.digest).map(([t]) => t)
        await c.deleteManifest(repository, target.digest)
        for (const t of siblings) pointers.delete(t)
        deleted.push(...siblings)
      } else {
        if (await stillNeeded(target.tag, target.digest)) await c.deleteTagOnly(repository, target.tag, target.digest)
        else await c.deleteManifest(repository, target.digest)
        pointers.delete(target.tag)
        deleted.push(target.tag)
      }
    } catch (e) {
      if (deleted.length === 0 && isRegistryWide(e)) throw e
      failed.push(failure(target.tag, e))
    }
  }
  onProgress?.({ done: targets.length, total: targets.length, tag: targets.at(-1)?.tag ?? '' })
  return { deleted, failed }
}

function moved(repository: string, target: DeleteTarget, actual: string): BerthError {
  return new BerthError('CONFLICT', m('errors.browse.moved', { reference: `${repository}:${target.tag}`, digest: `${actual.slice(0, 19)}…` }), m('hints.browse.refreshBeforeDelete'), {
    expected: target.digest,
    actual
  })
}

/** Errors every other tag would hit too. */
const isRegistryWide = (e: unknown): boolean => isBerthError(e) && ['DELETE_DISABLED', 'AUTH_REQUIRED', 'AUTH_DENIED', 'REGISTRY_UNREACHABLE'].includes(e.code)

function failure(tag: string, e: unknown): TagDeleteFailure {
  const b = toBerthError(e)
  return { tag, code: b.code, message: b.message, msg: b.msg, ...(b.hint ? { hint: b.hint, hintMsg: b.hintMsg } : {}) }
}
