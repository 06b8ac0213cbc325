// Manifests and the config blob. The Accept list names every modern manifest type, otherwise
// a registry may down-convert (or refuse) multi-arch images.
import { createHash } from 'node:crypto'
import { BerthError } from '@shared/contract/errors'
import type { RegistryManifest, RegistryManifestHead } from '@shared/contract/registryTypes'
import { parseJsonBody, type ErrorContext } from './errors'
import type { RawResponse } from './http'
import { checkDigest, checkReference, checkRepository } from './names'
import { repositoryScope, type Transport } from './transport'
import { m } from '@shared/i18n/message'

export const MediaType = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  dockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws'
} as const

export const MANIFEST_ACCEPT = [MediaType.ociIndex, MediaType.dockerList, MediaType.ociManifest, MediaType.dockerManifest].join(', ')

export const isIndexMediaType = (mt: string): boolean => mt === MediaType.ociIndex || mt === MediaType.dockerList

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/** A config or layer descriptor as a manifest document has it: nothing checked yet. */
export interface UncheckedDescriptor {
  digest?: unknown
  size?: unknown
  urls?: unknown
}

/** Checks the names before they reach the registry; the context its errors are told in. */
export function manifestTarget(t: Transport, repository: string, reference: string): ErrorContext {
  checkRepository(repository)
  checkReference(reference)
  return { address: t.address, what: m('what.reg.manifest', { reference: `${repository}${reference.includes(':') ? '@' : ':'}${reference}` }), repository, reference }
}

/** The document's own mediaType wins; else Content-Type; else guess from its shape (OCI allows omitting it). */
function mediaTypeOf(res: RawResponse, doc?: Record<string, unknown>): string {
  if (typeof doc?.mediaType === 'string' && doc.mediaType) return doc.mediaType
  const header = res.headers['content-type']?.split(';')[0].trim()
  if (header && header !== 'application/json' && header !== 'application/octet-stream') return header
  if (doc && Array.isArray(doc.manifests)) return MediaType.ociIndex
  if (doc && Array.isArray(doc.layers)) return MediaType.ociManifest
  if (doc && doc.schemaVersion === 1) return MediaType.dockerSchema1
  return header ?? ''
}

/** How a manifest is asked for: its URL, every manifest type Berth reads, the repository's scope; names checked first. */
export function manifestRequest(t: Transport, repository: string, reference: string): { url: string; headers: Record<string, string>; scope: string; ctx: ErrorContext } {
  const ctx = manifestTarget(t, repository, reference)
  return { url: `/v2/${repository}/manifests/${reference}`, headers: { accept: MANIFEST_ACCEPT }, scope: repositoryScope(repository), ctx }
}

export async function headManifest(t: Transport, repository: string, reference: string): Promise<RegistryManifestHead> {
  const res = await t.request({ method: 'HEAD', ...manifestRequest(t, repository, reference) })
  const digest = res.headers['docker-content-digest']
  // Some registries omit the digest on HEAD; the body tells it.
  if (!digest) {
    const m = await getManifest(t, repository, reference)
    return { digest: m.digest, mediaType: m.mediaType, size: m.size }
  }
  return { digest, mediaType: mediaTypeOf(res), size: Number(res.headers['content-length']) || 0 }
}

export async function getManifest(t: Transport, repository: string, reference: string): Promise<RegistryManifest> {
  const req = manifestRequest(t, repository, reference)
  const ctx = req.ctx
  const res = await t.request(req)
  const doc = parseJsonBody(res, ctx)
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new BerthError('REGISTRY_ERROR', m('errors.reg.manifestNotObject', { address: t.address, what: ctx.what }), m('hints.reg.pushAgainCorrupt'))
  }
  const manifest = doc as Record<string, unknown>
  const computed = sha256Digest(res.body)
  // By digest, the bytes must match what was asked for: a registry (or proxy) must not swap content.
  if (reference.startsWith('sha256:') && computed !== reference) {
    throw new BerthError('REGISTRY_ERROR', m('errors.reg.manifestMismatch', { address: t.address, reference }), m('hints.reg.altered'), { expected: reference, actual: computed })
  }
  return {
    digest: res.headers['docker-content-digest'] || computed,
    mediaType: mediaTypeOf(res, manifest),
    size: res.body.length,
    manifest,
    raw: res.body.toString('utf8')
  }
}

/** A JSON blob (the image config). Storage redirects are followed without Authorization. */
export async function getBlobJson(t: Transport, repository: string, digest: string): Promise<unknown> {
  checkRepository(repository)
  checkDigest(digest)
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.blob', { digest: digest.slice(0, 19), repository }), repository, reference: digest }
  const res = await t.request({ url: `/v2/${repository}/blobs/${digest}`, scope: repositoryScope(repository), ctx })
  return parseJsonBody(res, ctx)
}
