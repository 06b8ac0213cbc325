// Deleting a *name*, not an image. A registry deletes manifests, and every tag pointing at one
// goes with it. So Berth first points the tag at a tiny manifest of its own (unique, so no other
// tag shares it) and deletes that one by digest: the technique of regclient's `regctl tag
// delete`. The original manifest and its other tags stay, digests unchanged. No registry API
// deletes a tag by name (distribution #1811), hence this.
import { randomBytes } from 'node:crypto'
import { BerthError, isBerthError } from '@shared/contract/errors'
import { deleteManifest } from './deletes'
import type { ErrorContext } from './errors'
import { getManifest, MediaType, sha256Digest } from './manifests'
import { checkDigest, checkRepository } from './names'
import { repositoryScope, type Transport } from './transport'
import { m } from '@shared/i18n/message'

/** The OCI "empty" descriptor's content: registry:2 checks the config blob exists, so it is uploaded first. */
const EMPTY_JSON = Buffer.from('{}')
export const EMPTY_MEDIA_TYPE = 'application/vnd.oci.empty.v1+json'
/** Marks Berth's placeholder manifests (their value is unique per delete). */
export const PLACEHOLDER_ANNOTATION = 'io.berth.tag-delete'

/** A manifest nobody else can share: OCI image, empty config, no layers, a unique annotation. */
export function placeholderManifest(tag: string, nonce = randomBytes(8).toString('hex')): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.ociManifest,
      config: { mediaType: EMPTY_MEDIA_TYPE, digest: sha256Digest(EMPTY_JSON), size: EMPTY_JSON.length },
      layers: [],
      annotations: { [PLACEHOLDER_ANNOTATION]: `${tag} ${new Date().toISOString()} ${nonce}` }
    })
  )
}

/** Uploads a small blob unless the repository has it (POST, then PUT ?digest=: registry:2 has no one-shot POST). */
export async function ensureBlob(t: Transport, repository: string, bytes: Uint8Array): Promise<string> {
  checkRepository(repository)
  const digest = sha256Digest(bytes)
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.uploadBlob', { digest: digest.slice(0, 19), repository }), repository, reference: digest }
  const scope = repositoryScope(repository, 'pull,push')
  try {
    await t.request({ method: 'HEAD', url: `/v2/${repository}/blobs/${digest}`, scope, ctx })
    return digest
  } catch (e) {
    if (!isBerthError(e) || e.code !== 'NOT_FOUND') throw e
  }
  const start = await t.request({ method: 'POST', url: `/v2/${repository}/blobs/uploads/`, scope, ctx })
  const location = start.headers.location
  if (!location) throw new BerthError('REGISTRY_ERROR', m('errors.reg.noUploadLocation', { address: t.address, repository }), m('hints.reg.checkVersion'))
  const url = t.resolve(new URL(location, t.origin))
  url.searchParams.set('digest', digest)
  await t.request({ method: 'PUT', url, body: bytes, headers: { 'content-type': 'application/octet-stream' }, scope, ctx })
  return digest
}

/** PUTs manifest bytes under a tag (or digest); answers the digest the registry gave it. */
export async function putManifestBytes(t: Transport, repository: string, reference: string, mediaType: string, bytes: Uint8Array): Promise<string> {
  checkRepository(repository)
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.writeManifest', { reference: `${repository}:${reference}` }), repository, reference }
  const res = await t.request({ method: 'PUT', url: `/v2/${repository}/manifests/${reference}`, body: bytes, headers: { 'content-type': mediaType }, scope: repositoryScope(repository, 'pull,push'), ctx })
  return res.headers['docker-content-digest'] || sha256Digest(bytes)
}

/**
 * Removes `tag` only. Refuses (CONFLICT) when the tag no longer points at `expectedDigest`. If the
 * registry refuses the final DELETE (deletes turned off, no permission), the tag is put back on
 * its original manifest, so a failure changes nothing.
 */
export async function deleteTagOnly(t: Transport, repository: string, tag: string, expectedDigest: string): Promise<void> {
  checkRepository(repository)
  checkDigest(expectedDigest)
  const original = await getManifest(t, repository, tag)
  if (original.digest !== expectedDigest) {
    throw new BerthError('CONFLICT', m('errors.browse.moved', { reference: `${repository}:${tag}`, digest: `${original.digest.slice(0, 19)}…` }), m('hints.browse.refreshBeforeDelete'), {
      expected: expectedDigest,
      actual: original.digest
    })
  }
  await ensureBlob(t, repository, EMPTY_JSON)
  const placeholder = await putManifestBytes(t, repository, tag, MediaType.ociManifest, placeholderManifest(tag))
  try {
    await deleteManifest(t, repository, placeholder)
  } catch (e) {
    await putManifestBytes(t, repository, tag, original.mediaType, Buffer.from(original.raw, 'utf8')).catch(() => undefined)
    throw e
  }
}
