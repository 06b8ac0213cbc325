// Manifests by their exact bytes: read them raw (no re-encoding, so the digest stays) and PUT
// them under a tag or digest with their own media type.
import { BerthError } from '@shared/contract/errors'
import { manifestRequest, manifestTarget, sha256Digest } from './manifests'
import { buffered, streamRequest } from './streamRequest'
import { repositoryScope, type Transport } from './transport'
import { m } from '@shared/i18n/message'

export interface RawManifest {
  digest: string
  mediaType: string
  bytes: Buffer
}


/** Manifests are small; anything past this is not one. */
const MAX_MANIFEST = 4 * 1024 * 1024

export async function getRawManifest(t: Transport, repository: string, reference: string, signal?: AbortSignal): Promise<RawManifest> {
  const req = manifestRequest(t, repository, reference)
  const ctx = req.ctx
  const res = await streamRequest(t, { method: 'GET', ...req, signal })
  const raw = await buffered(res)
  if (raw.body.length >= MAX_MANIFEST) throw new BerthError('REGISTRY_ERROR', m('errors.reg.manifestTooBig', { address: t.address, what: ctx.what }), m('hints.reg.notManifest'))
  const digest = sha256Digest(raw.body)
  if (reference.startsWith('sha256:') && digest !== reference) {
    throw new BerthError('REGISTRY_ERROR', m('errors.reg.manifestMismatch', { address: t.address, reference }), m('hints.reg.altered'), { expected: reference, actual: digest })
  }
  let mediaType = raw.headers['content-type']?.split(';')[0].trim() ?? ''
  try {
    const doc = JSON.parse(raw.body.toString('utf8')) as { mediaType?: unknown }
    if (typeof doc.mediaType === 'string' && doc.mediaType) mediaType = doc.mediaType
  } catch {
    throw new BerthError('REGISTRY_ERROR', m('errors.reg.manifestNotJson', { address: t.address, what: ctx.what }), m('hints.reg.pushAgainCorrupt'))
  }
  return { digest, mediaType, bytes: raw.body }
}

/** PUTs the exact bytes; returns the digest the registry computed (it must equal ours). */
export async function putRawManifest(t: Transport, repository: string, reference: string, manifest: RawManifest, signal?: AbortSignal): Promise<string> {
  const ctx = manifestTarget(t, repository, reference)
  const res = await streamRequest(t, {
    method: 'PUT',
    url: `/v2/${repository}/manifests/${reference}`,
    headers: { 'content-type': manifest.mediaType, 'content-length': String(manifest.bytes.length) },
    body: manifest.bytes,
    scope: repositoryScope(repository, 'pull,push'),
    ctx,
    signal
  })
  res.body.resume()
  const digest = res.headers['docker-content-digest'] || manifest.digest
  if (digest !== manifest.digest) {
    throw new BerthError('REGISTRY_ERROR', m('errors.reg.manifestReencoded', { address: t.address, what: ctx.what, digest: digest.slice(0, 19) }), m('hints.reg.reencoded'), { expected: manifest.digest, actual: digest })
  }
  return digest
}
