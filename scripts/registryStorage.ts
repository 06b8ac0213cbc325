// Writes repositories straight into a registry:2 container's storage (the filesystem driver's
// tree under /var/lib/registry), through the engine's archive API: one tar per batch, a few
// batches in flight. Each repository gets exactly the files registry:2 itself writes for a
// cross-repository mount of its blobs plus a manifest PUT (link files holding a digest), so the
// registry lists, tags and serves it as if pushed; the blobs the links point to must exist
// (fill-registry.ts uploads them once over HTTP). test/integration/fill-storage.test.ts checks
// the tree against one registry:2 wrote. Why: 100,000 repositories over HTTP are ~300,000
// requests (minutes); as files they are one stream the engine unpacks in seconds.
import { Readable } from 'node:stream'
import { gzipSync } from 'node:zlib'
import type Docker from 'dockerode'
import { pack } from 'tar-stream'

/** Where registry:2 keeps its data, and its filesystem driver's root below that. */
export const REGISTRY_DATA = '/var/lib/registry'
const V2 = 'docker/registry/v2'

export interface StoredTag {
  tag: string
  /** sha256:… of the manifest (its blob must exist in the registry). */
  manifest: string
}

export interface StoredRepository {
  name: string
  /** sha256:… of every blob the manifests reference (mounted into the repository). */
  blobs: string[]
  tags: StoredTag[]
}

const hex = (digest: string): string => {
  const m = /^sha256:([0-9a-f]{64})$/.exec(digest)
  if (!m) throw new Error(`not a sha256 digest: ${digest}`)
  return m[1]!
}

/** The files of one repository, relative to REGISTRY_DATA: path → content. */
export function repositoryFiles(repo: StoredRepository): [string, string][] {
  const base = `${V2}/repositories/${repo.name}`
  const files: [string, string][] = []
  for (const blob of repo.blobs) files.push([`${base}/_layers/sha256/${hex(blob)}/link`, blob])
  const manifests = new Set(repo.tags.map((t) => t.manifest))
  for (const m of manifests) files.push([`${base}/_manifests/revisions/sha256/${hex(m)}/link`, m])
  for (const t of repo.tags) {
    files.push([`${base}/_manifests/tags/${t.tag}/current/link`, t.manifest])
    files.push([`${base}/_manifests/tags/${t.tag}/index/sha256/${hex(t.manifest)}/link`, t.manifest])
  }
  return files
}

/** A blob's data file, relative to REGISTRY_DATA (what an upload or a manifest PUT stores). */
export const blobFile = (digest: string, data: Buffer): [string, Buffer] => [`${V2}/blobs/sha256/${hex(digest).slice(0, 2)}/${hex(digest)}/data`, data]

async function tarGz(files: Iterable<[string, string | Buffer]>): Promise<Buffer> {
  const tar = pack()
  const chunks: Buffer[] = []
  const done = (async () => {
    for await (const c of tar) chunks.push(c as Buffer)
  })()
  // Entries go in with one timestamp; the engine creates the parent directories.
  const mtime = new Date()
  for (const [name, content] of files) tar.entry({ name, mode: 0o644, mtime }, content)
  tar.finalize()
  await done
  return gzipSync(Buffer.concat(chunks), { level: 1 })
}

export interface WriteOptions {
  /** Repositories per tar (default 5,000). */
  batch?: number
  /** Tars the engine unpacks at once (default 2: the engine's own cores). */
  inFlight?: number
  /** Blob data files to write as well. */
  blobs?: [string, Buffer][]
  onProgress?: (written: number) => void
}

/** Writes `repositories` into the storage of the registry:2 container `container`. */
export async function writeRepositories(docker: Docker, container: string, repositories: Iterable<StoredRepository>, opts: WriteOptions = {}): Promise<number> {
  const c = docker.getContainer(container)
  const batchSize = opts.batch ?? 5000
  const put = async (files: Iterable<[string, string | Buffer]>): Promise<void> => {
    await c.putArchive(Readable.from([await tarGz(files)]) as unknown as NodeJS.ReadableStream, { path: REGISTRY_DATA })
  }
  if (opts.blobs?.length) await put(opts.blobs)
  const running = new Set<Promise<void>>()
  let written = 0
  let batch: StoredRepository[] = []
  const flush = async (): Promise<void> => {
    const repos = batch
    batch = []
    const p = put(repos.flatMap(repositoryFiles)).then(() => {
      written += repos.length
      opts.onProgress?.(written)
    })
    const tracked: Promise<void> = p.finally(() => running.delete(tracked))
    running.add(tracked)
    if (running.size >= (opts.inFlight ?? 2)) await Promise.race(running)
  }
  let error: unknown
  try {
    for (const repo of repositories) {
      batch.push(repo)
      if (batch.length >= batchSize) await flush()
    }
    if (batch.length > 0) await flush()
  } catch (e) {
    error = e
  }
  // Never leave a batch unpacking (or its failure unhandled) behind.
  const failed = (await Promise.allSettled(running)).find((s): s is PromiseRejectedResult => s.status === 'rejected')
  if (error !== undefined || failed) throw error ?? failed!.reason
  return written
}
