// The first read of an archive to import: what it holds, without keeping any layer. Small JSON
// (index.json, manifest.json, manifests, configs) is kept by digest or name; every other entry is
// only listed (an OCI blob by its digest; a docker save file by its name, hashed on the way
// because a docker save tar names layers by path, not by digest).
import { createHash } from 'node:crypto'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'
import { sha256Digest } from '../registry/manifests'
import { digestOfPath, OCI_INDEX_FILE, OCI_LAYOUT_FILE } from './ociLayout'
import { readAll, readTar } from './tarRead'

/** Manifests are at most 4 MiB; JSON blobs up to this size are kept in memory. */
export const MAX_JSON = 4 * 1024 * 1024
/** All kept JSON together: more means the archive is not what it claims to be. */
const MAX_KEPT = 256 * 1024 * 1024

export interface FileInfo {
  size: number
  /** sha256 of the content (docker save files only). */
  digest?: string
  /** A link: the entry it points to. */
  link?: string
}

export interface ArchiveScan {
  layout?: Buffer
  index?: Buffer
  /** docker save's manifest.json. */
  dockerManifest?: Buffer
  /** Small JSON by digest (OCI blobs) or by entry name (docker save files). */
  json: Map<string, Buffer>
  /** Every OCI blob entry: digest → size. */
  blobs: Map<string, number>
  /** Every other regular file and link (docker save layers). */
  files: Map<string, FileInfo>
}

export async function scanArchive(file: string, signal: AbortSignal): Promise<ArchiveScan> {
  const scan: ArchiveScan = { json: new Map(), blobs: new Map(), files: new Map() }
  let kept = 0
  const keep = (key: string, data: Buffer): void => {
    kept += data.length
    if (kept > MAX_KEPT) throw new BerthError('INVALID_INPUT', m('errors.archive.tooMuchJson'), m('hints.archive.checkArchive'))
    scan.json.set(key, data)
  }
  await readTar(file, signal, async (e) => {
    if (e.type === 'directory') return
    if (e.link !== undefined) {
      scan.files.set(e.name, { size: 0, link: e.link })
      return
    }
    if (e.type !== 'file' && e.type !== 'contiguous-file') return
    if (e.name === OCI_LAYOUT_FILE) scan.layout = await readAll(e.body)
    else if (e.name === OCI_INDEX_FILE) scan.index = await readAll(e.body)
    else if (e.name === 'manifest.json') scan.dockerManifest = await readAll(e.body)
    else {
      const digest = digestOfPath(e.name)
      if (digest) {
        scan.blobs.set(digest, e.size)
        if (e.size <= MAX_JSON) {
          const data = await readJsonCandidate(e.body)
          // Kept only when the bytes are what the name says: a damaged manifest is caught here.
          if (data && sha256Digest(data) === digest) keep(digest, data)
        }
      } else {
        const { info, data } = await hashFile(e.body, e.size)
        scan.files.set(e.name, info)
        if (data) keep(e.name, data)
      }
    }
  })
  return scan
}

/** The body when it starts like JSON ("{"), else undefined (a layer: drained, not kept). */
async function readJsonCandidate(body: NodeJS.ReadableStream): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let json: boolean | undefined
  for await (const c of body as AsyncIterable<Buffer>) {
    if (json === undefined) json = c.length > 0 && c[0] === 0x7b
    if (json) chunks.push(c)
  }
  return json ? Buffer.concat(chunks) : undefined
}

async function hashFile(body: NodeJS.ReadableStream, size: number): Promise<{ info: FileInfo; data?: Buffer }> {
  const hash = createHash('sha256')
  const small = size <= MAX_JSON ? ([] as Buffer[]) : undefined
  for await (const c of body as AsyncIterable<Buffer>) {
    hash.update(c)
    small?.push(c)
  }
  const data = small ? Buffer.concat(small) : undefined
  return { info: { size, digest: `sha256:${hash.digest('hex')}` }, data: data && data[0] === 0x7b ? data : undefined }
}
