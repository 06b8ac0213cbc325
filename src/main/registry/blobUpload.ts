// Blobs between registries: does the target have it (HEAD), a cross-repository mount, a
// streamed download, and a monolithic streamed upload (POST, then PUT ?digest= with the whole
// body). The registry verifies the digest on PUT, so a copied blob is byte-for-byte the source.
import type { Readable } from 'node:stream'
import { BerthError } from '@shared/contract/errors'
import type { ErrorContext } from './errors'
import { checkDigest, checkRepository } from './names'
import { streamRequest } from './streamRequest'
import { repositoryScope, type Transport } from './transport'
import { m } from '@shared/i18n/message'

const PUSH = 'pull,push'

function blobCtx(t: Transport, repository: string, digest: string): ErrorContext {
  return { address: t.address, what: m('what.reg.blob', { digest: digest.slice(0, 19), repository }), repository, reference: digest }
}

/** The blob's size when the repository has it; undefined when it does not. */
export async function headBlob(t: Transport, repository: string, digest: string, signal?: AbortSignal): Promise<number | undefined> {
  checkRepository(repository)
  checkDigest(digest)
  const res = await streamRequest(t, { method: 'HEAD', url: `/v2/${repository}/blobs/${digest}`, scope: repositoryScope(repository, PUSH), ctx: blobCtx(t, repository, digest), signal, accept: [404] })
  res.body.resume()
  return res.status === 404 ? undefined : Number(res.headers['content-length']) || 0
}

/** The blob's bytes as a stream (storage redirects followed without Authorization). */
export async function openBlob(t: Transport, repository: string, digest: string, signal?: AbortSignal): Promise<{ body: Readable; size: number }> {
  checkRepository(repository)
  checkDigest(digest)
  const res = await streamRequest(t, { method: 'GET', url: `/v2/${repository}/blobs/${digest}`, scope: repositoryScope(repository), ctx: blobCtx(t, repository, digest), signal })
  return { body: res.body, size: Number(res.headers['content-length']) || 0 }
}

export type UploadStart = { mounted: true } | { mounted: false; location: URL }

/**
 * Opens an upload session; with `mountFrom`, asks the registry to link the blob from another
 * repository instead (201 = mounted, 202 = the registry declined and opened an upload).
 */
export async function startBlobUpload(t: Transport, repository: string, opts: { digest?: string; mountFrom?: string; signal?: AbortSignal } = {}): Promise<UploadStart> {
  checkRepository(repository)
  const mount = opts.mountFrom && opts.digest
  let path = `/v2/${repository}/blobs/uploads/`
  let scope = repositoryScope(repository, PUSH)
  if (mount) {
    checkRepository(opts.mountFrom!)
    checkDigest(opts.digest!)
    path += `?mount=${encodeURIComponent(opts.digest!)}&from=${encodeURIComponent(opts.mountFrom!)}`
    scope += ` ${repositoryScope(opts.mountFrom!)}`
  }
  const ctx: ErrorContext = { address: t.address, what: m('what.reg.upload', { repository }), repository }
  const res = await streamRequest(t, { method: 'POST', url: path, headers: { 'content-length': '0' }, scope, ctx, signal: opts.signal })
  res.body.resume()
  if (res.status === 201 && mount) return { mounted: true }
  const location = res.headers.location
  if (!location) throw new BerthError('REGISTRY_ERROR', m('errors.reg.noUploadLocation', { address: t.address, repository }), m('hints.reg.checkVersion'))
  return { mounted: false, location: t.resolve(location) }
}

/** Sends the whole blob to an upload session and closes it with its digest. */
export async function finishBlobUpload(t: Transport, repository: string, location: URL, digest: string, size: number, body: Readable, signal?: AbortSignal): Promise<void> {
  checkDigest(digest)
  const url = new URL(location)
  url.searchParams.set('digest', digest)
  const res = await streamRequest(t, {
    method: 'PUT',
    url,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body,
    scope: repositoryScope(repository, PUSH),
    ctx: blobCtx(t, repository, digest),
    signal
  })
  res.body.resume()
}
