// Shared bits of the push/pull/load tests: a TransferService on the test engine that records
// every event, and what the registry itself says about a pushed tag.
import type Docker from 'dockerode'
import type { BerthEvents, EventName } from '@shared/contract'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { TransferService, type TransferServiceOptions } from '../../src/main/transfers/service'
import { basicAuthHeader } from './http'

export interface RecordingService {
  service: TransferService
  events: { event: EventName; payload: unknown; at: number }[]
  updates(id?: string): TransferSnapshot[]
}

export function recordingTransfers(docker: Docker, extra: Partial<TransferServiceOptions> = {}): RecordingService {
  const events: RecordingService['events'] = []
  const service = new TransferService({
    docker: () => docker,
    emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void events.push({ event, payload, at: Date.now() }),
    ...extra
  })
  return {
    service,
    events,
    updates: (id) => events.filter((e) => e.event === 'transfers.update' && (!id || (e.payload as TransferSnapshot).id === id)).map((e) => e.payload as TransferSnapshot)
  }
}

/** Docker-Content-Digest the registry answers for repository:tag (HEAD, schema 2 / OCI accepted). */
export async function registryDigest(address: string, repository: string, tag: string, auth?: { username: string; password: string }): Promise<string | null> {
  const res = await fetch(`http://${address}/v2/${repository}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      ...basicAuthHeader(auth),
      accept: [
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.oci.image.index.v1+json'
      ].join(', ')
    }
  })
  return res.ok ? res.headers.get('docker-content-digest') : null
}

/** Layer sizes the engine reports for an image, keyed by the short id push/pull events use. */
export async function layerSizes(docker: Docker, image: string): Promise<Map<string, number>> {
  const info = await docker.getImage(image).inspect()
  const history = (await docker.getImage(image).history()) as { Size: number }[]
  // History is newest first and includes empty layers; RootFS.Layers is oldest first.
  const sizes = history
    .filter((h) => h.Size > 0)
    .map((h) => h.Size)
    .reverse()
  const diffIds = info.RootFS?.Layers ?? []
  return new Map(diffIds.map((d, i) => [d.replace(/^sha256:/, '').slice(0, 12), sizes[i] ?? 0]))
}

/** Fails when any layer's bytes or size ever went down across the emitted snapshots. */
export function assertMonotonic(updates: TransferSnapshot[]): void {
  const last = new Map<string, { current: number; total: number }>()
  let done = 0
  let total = 0
  for (const u of updates) {
    if (u.bytesDone < done || u.bytesTotal < total) throw new Error(`transfer bytes went down: ${done}/${total} → ${u.bytesDone}/${u.bytesTotal}`)
    if (u.bytesDone > u.bytesTotal) throw new Error(`bytesDone ${u.bytesDone} above bytesTotal ${u.bytesTotal}`)
    done = u.bytesDone
    total = u.bytesTotal
    for (const l of u.layers) {
      const prev = last.get(l.id)
      if (prev && (l.current < prev.current || l.total < prev.total)) throw new Error(`layer ${l.id} went down: ${prev.current}/${prev.total} → ${l.current}/${l.total}`)
      if (l.current > l.total) throw new Error(`layer ${l.id} current ${l.current} above total ${l.total}`)
      last.set(l.id, { current: l.current, total: l.total })
    }
  }
}
