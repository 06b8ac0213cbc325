// Copy tests: an image with layers of chosen sizes, a TCP proxy that can "stop" a registry
// mid-transfer and start it again on the same port, and a TransferService wired for copies.
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { join } from 'node:path'
import type { RegistryCredentials, RegistryScheme } from '@shared/contract/registryTypes'
import { CopyRunner, type CopyRegistry } from '../../src/main/copy'
import { SyncService } from '../../src/main/sync'
import { TransferService } from '../../src/main/transfers/service'
import { testDocker } from './engine'
import { DOCKER, digestOf } from './ociMedia'
import { recordingTransfers, type RecordingService } from './pushHelpers'
import { imageConfig, putManifest, uploadBlob, type SeedTarget } from './registries'

export interface SizedImage {
  digest: string
  configDigest: string
  layers: string[]
}

/** A schema 2 image whose layers are random bytes of the given sizes. */
export async function seedSizedImage(address: string, repo: string, tag: string, sizes: number[], t: SeedTarget = {}): Promise<SizedImage> {
  const blobs = sizes.map((n) => randomBytes(n))
  const layers: string[] = []
  for (const b of blobs) layers.push(await uploadBlob(address, repo, b, t))
  const config = Buffer.from(JSON.stringify(imageConfig(blobs, {})))
  const configDigest = await uploadBlob(address, repo, config, t)
  const manifest = {
    schemaVersion: 2,
    mediaType: DOCKER.manifest,
    config: { mediaType: DOCKER.config, digest: configDigest, size: config.length },
    layers: blobs.map((b, i) => ({ mediaType: DOCKER.layer, digest: layers[i], size: b.length }))
  }
  const digest = await putManifest(address, repo, tag, manifest, DOCKER.manifest, t)
  return { digest, configDigest, layers }
}

export interface CuttingProxy {
  /** 127.0.0.1:PORT */
  address: string
  /** Stops (drops every connection, refuses new ones) once this many bytes went to clients. */
  cutAfter(bytes: number): void
  /** Stalls (keeps connections open, forwards nothing more) once this many bytes went to clients. */
  holdAfter(bytes: number): void
  /** Bytes forwarded to clients since the last cutAfter/holdAfter. */
  readonly forwarded: number
  /** Listening again on the same port, no cut. */
  restart(): Promise<void>
  readonly stopped: boolean
  close(): Promise<void>
}

export async function startCuttingProxy(upstream: string): Promise<CuttingProxy> {
  const [host, port] = upstream.split(':')
  const sockets = new Set<net.Socket>()
  let limit = Infinity
  let holdAt = Infinity
  let forwarded = 0
  let stopped = false
  const server = net.createServer((client) => {
    const up = net.connect(Number(port), host)
    sockets.add(client).add(up)
    const drop = (): void => {
      client.destroy()
      up.destroy()
      sockets.delete(client)
      sockets.delete(up)
    }
    client.on('error', drop).on('close', drop)
    up.on('error', drop).on('close', drop)
    client.pipe(up)
    up.on('data', (chunk: Buffer) => {
      if (forwarded + chunk.length > holdAt) return void up.pause()
      forwarded += chunk.length
      if (forwarded > limit) return stop()
      client.write(chunk)
    })
  })
  const listen = (p: number): Promise<void> => new Promise((resolve, reject) => server.once('error', reject).listen(p, '127.0.0.1', () => resolve()))
  const stop = (): void => {
    if (stopped) return
    stopped = true
    server.close()
    for (const s of sockets) s.destroy()
    sockets.clear()
  }
  await listen(0)
  const bound = (server.address() as net.AddressInfo).port
  return {
    address: `127.0.0.1:${bound}`,
    cutAfter: (bytes) => {
      forwarded = 0
      limit = bytes
    },
    holdAfter: (bytes) => {
      forwarded = 0
      holdAt = bytes
    },
    get forwarded() {
      return forwarded
    },
    restart: async () => {
      limit = Infinity
      holdAt = Infinity
      stopped = false
      await listen(bound)
    },
    get stopped() {
      return stopped
    },
    close: async () => {
      stop()
    }
  }
}

/** A TransferService whose copies see these registries (by id) with these credentials. */
export function copyTransfers(entries: Record<string, CopyRegistry>, creds: Record<string, RegistryCredentials> = {}, concurrency?: number, historyFile?: string): RecordingService {
  const copier = new CopyRunner({
    registry: (id) => {
      const e = entries[id]
      if (!e) throw new Error(`no registry ${id}`)
      return e
    },
    credentials: async (e) => creds[e.id],
    concurrency
  })
  return recordingTransfers(testDocker(), { copier, historyFile })
}

export const entry = (id: string, address: string, scheme: RegistryScheme = 'http'): CopyRegistry => ({ id, name: id, address, scheme })

export { digestOf }

export interface SyncStack {
  sync: SyncService
  transfers: TransferService
}

/**
 * Sync sets as the app wires them (services.ts) over the sidebar `entries`: a CopyRunner that asks
 * the sync service for a set's items, a TransferService that runs the copies, the sets saved in `dir`.
 */
export function syncStack(entries: Record<string, CopyRegistry>, dir: string): SyncStack {
  const registry = (id: string): CopyRegistry => {
    const e = entries[id]
    if (!e) throw new Error(`no registry ${id}`)
    return e
  }
  // eslint-disable-next-line prefer-const -- the copier calls back into the service built after it
  let sync: SyncService
  const copier: CopyRunner = new CopyRunner({ registry, credentials: async () => undefined, syncItems: (setId, ends) => sync.items(setId, ends) })
  const transfers = new TransferService({ docker: testDocker, emit: () => undefined, copier })
  sync = new SyncService({ file: join(dir, 'sync-sets.json'), emit: () => undefined, copier: () => copier, startCopy: (spec) => transfers.startCopy(spec), registry })
  return { sync, transfers }
}
