// The OCI image layout inside an archive (image-spec "image-layout"): `oci-layout`, `index.json`
// and `blobs/<algorithm>/<hex>`. Pure rules, shared by export (writing) and import (reading).
import { BerthError } from '@shared/contract/errors'
import { m, type Msg } from '@shared/i18n/message'
import { splitRepositoryTag, repositoryError, tagError } from '@shared/reference'
import { isDigest } from '../registry/names'

export const OCI_LAYOUT_FILE = 'oci-layout'
export const OCI_INDEX_FILE = 'index.json'
export const OCI_LAYOUT_VERSION = '1.0.0'
export const OCI_INDEX_MEDIA_TYPE = 'application/vnd.oci.image.index.v1+json'
/** The tag (or name) of an image in the layout: skopeo's `oci-archive:FILE:NAME` picks by it. */
export const REF_NAME = 'org.opencontainers.image.ref.name'
/** containerd's and Docker 25+'s `docker save` put the full reference here. */
export const CONTAINERD_NAME = 'io.containerd.image.name'

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  annotations?: Record<string, string>
  platform?: unknown
}

export const layoutFile = (): Buffer => Buffer.from(JSON.stringify({ imageLayoutVersion: OCI_LAYOUT_VERSION }))

/** index.json: one descriptor per exported tag, named `repository:tag` (valid ref.name grammar). */
export function indexFile(images: { repository: string; tag: string; mediaType: string; digest: string; size: number }[]): Buffer {
  const manifests: Descriptor[] = images.map((i) => ({ mediaType: i.mediaType, digest: i.digest, size: i.size, annotations: { [REF_NAME]: `${i.repository}:${i.tag}` } }))
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX_MEDIA_TYPE, manifests }))
}

/** blobs/sha256/<hex> for a digest. */
export function blobPath(digest: string): string {
  if (!isDigest(digest)) throw new BerthError('INVALID_INPUT', m('errors.archive.notADigest', { value: digest.slice(0, 80) }))
  const [algorithm, hex] = digest.split(':') as [string, string]
  return `blobs/${algorithm}/${hex}`
}

/** The digest a tar entry holds, or undefined when it is not a blob of the layout. */
export function digestOfPath(name: string): string | undefined {
  const found = /^(?:\.\/)?blobs\/([a-z0-9]+(?:[+._-][a-z0-9]+)*)\/([a-zA-Z0-9=_-]{32,})$/.exec(name)
  return found ? `${found[1]}:${found[2]}` : undefined
}

/** A tar entry name without a leading "./" (tar tools write both forms). */
export const entryName = (name: string): string => name.replace(/^\.\//, '')

export function parseLayout(bytes: Buffer): void {
  let doc: { imageLayoutVersion?: unknown }
  try {
    doc = JSON.parse(bytes.toString('utf8')) as { imageLayoutVersion?: unknown }
  } catch {
    throw badArchive(m('errors.archive.why.layoutNotJson'))
  }
  if (typeof doc.imageLayoutVersion !== 'string' || !doc.imageLayoutVersion.startsWith('1.')) {
    throw badArchive(m('errors.archive.why.layoutVersion', { version: String(doc.imageLayoutVersion).slice(0, 20) }))
  }
}

/** The descriptors of index.json, each checked (digest, size). */
export function parseIndex(bytes: Buffer): Descriptor[] {
  let doc: { manifests?: unknown }
  try {
    doc = JSON.parse(bytes.toString('utf8')) as { manifests?: unknown }
  } catch {
    throw badArchive(m('errors.archive.why.indexNotJson'))
  }
  if (!Array.isArray(doc.manifests) || doc.manifests.length === 0) throw badArchive(m('errors.archive.why.indexEmpty'))
  return doc.manifests.map((d: Partial<Descriptor>) => {
    if (typeof d?.digest !== 'string' || !isDigest(d.digest) || typeof d.size !== 'number' || d.size < 0 || typeof d.mediaType !== 'string') {
      throw badArchive(m('errors.archive.why.indexEntry'))
    }
    return d as Descriptor
  })
}

export interface ImageName {
  repository?: string
  tag?: string
}

/**
 * Where an image of the index goes: the repository and tag its annotations name. A full reference
 * (`registry/team/app:1`) loses its registry: the user picks the target registry. A bare ref.name
 * (`1.0`, as `skopeo copy … oci-archive:FILE:1.0` writes) is only a tag.
 */
export function nameOf(d: Descriptor): ImageName {
  const a = d.annotations ?? {}
  const full = a[CONTAINERD_NAME] ? fromReference(a[CONTAINERD_NAME]) : undefined
  const ref = a[REF_NAME]
  if (!ref) return full ?? {}
  if (!ref.includes(':') && !ref.includes('/') && !tagError(ref)) return { repository: full?.repository, tag: ref }
  return fromReference(ref) ?? full ?? {}
}

function fromReference(value: string): ImageName | undefined {
  const split = splitRepositoryTag(value)
  const tag = split.tag
  let repository = split.repository
  const slash = repository.indexOf('/')
  const first = slash === -1 ? '' : repository.slice(0, slash)
  // A registry host in front (has "." or ":", or is localhost), as the docker CLI decides.
  if (first && (first.includes('.') || first.includes(':') || first === 'localhost')) repository = repository.slice(slash + 1)
  if (repositoryError(repository) || (tag !== undefined && tagError(tag))) return undefined
  return { repository, tag }
}

/** `why` is a fragment (errors.archive.why.*) put into the one sentence. */
export const badArchive = (why: Msg): BerthError => new BerthError('INVALID_INPUT', m('errors.archive.notImportable', { why }), m('hints.archive.useOci'))
