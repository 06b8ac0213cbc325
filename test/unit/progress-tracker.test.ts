import { describe, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import type { DaemonEvent } from '../../src/main/engine/progress/daemonEvent'
import { ProgressTracker } from '../../src/main/engine/progress/tracker'
import { m } from '@shared/i18n/message'

const DIGEST = 'sha256:' + 'ab'.repeat(32)

function fakeClock(start = 1_700_000_000_000) {
  let t = start
  return { now: () => t, advance: (ms: number) => (t += ms) }
}

/** Feeds events 100 ms apart and checks the invariants the UI relies on after each one. */
function run(tracker: ProgressTracker, events: DaemonEvent[], clock = fakeClock()): TransferSnapshot[] {
  const snaps: TransferSnapshot[] = []
  for (const e of events) {
    clock.advance(100)
    expect(tracker.feed(e)).toBeUndefined()
    snaps.push(tracker.snapshot())
  }
  checkInvariants(snaps)
  return snaps
}

function checkInvariants(snaps: TransferSnapshot[]): void {
  let prevDone = 0
  let prevTotal = 0
  const prevLayer = new Map<string, { current: number; total: number }>()
  for (const s of snaps) {
    expect(s.bytesDone).toBeLessThanOrEqual(s.bytesTotal)
    expect(s.bytesDone).toBeGreaterThanOrEqual(prevDone)
    expect(s.bytesTotal).toBeGreaterThanOrEqual(prevTotal)
    prevDone = s.bytesDone
    prevTotal = s.bytesTotal
    for (const l of s.layers) {
      expect(l.current).toBeLessThanOrEqual(l.total)
      const p = prevLayer.get(l.id)
      if (p) {
        expect(l.current).toBeGreaterThanOrEqual(p.current)
        expect(l.total).toBeGreaterThanOrEqual(p.total)
      }
      prevLayer.set(l.id, { current: l.current, total: l.total })
    }
  }
}

// Recorded from Engine 27 (classic store) pushing a 3-layer image to registry:2, trimmed.
const pushThreeLayers: DaemonEvent[] = [
  { status: 'The push refers to repository [localhost:5000/demo/app]' },
  { status: 'Preparing', progressDetail: {}, id: 'aaaaaaaaaaaa' },
  { status: 'Preparing', progressDetail: {}, id: 'bbbbbbbbbbbb' },
  { status: 'Preparing', progressDetail: {}, id: 'cccccccccccc' },
  { status: 'Waiting', progressDetail: {}, id: 'cccccccccccc' },
  { status: 'Pushing', progressDetail: { current: 512, total: 2048 }, progress: '[====>   ]', id: 'aaaaaaaaaaaa' },
  { status: 'Pushing', progressDetail: { current: 1000, total: 5000 }, id: 'bbbbbbbbbbbb' },
  { status: 'Pushing', progressDetail: { current: 2048, total: 2048 }, id: 'aaaaaaaaaaaa' },
  { status: 'Pushed', progressDetail: {}, id: 'aaaaaaaaaaaa' },
  { status: 'Pushing', progressDetail: { current: 4000, total: 5000 }, id: 'bbbbbbbbbbbb' },
  { status: 'Pushing', progressDetail: { current: 300, total: 10000 }, id: 'cccccccccccc' },
  // Out-of-order / stale counter: must not move bytes back.
  { status: 'Pushing', progressDetail: { current: 3500, total: 5000 }, id: 'bbbbbbbbbbbb' },
  { status: 'Pushed', progressDetail: {}, id: 'bbbbbbbbbbbb' },
  { status: 'Pushing', progressDetail: { current: 9000, total: 10000 }, id: 'cccccccccccc' },
  { status: 'Pushed', progressDetail: {}, id: 'cccccccccccc' },
  { status: `latest: digest: ${DIGEST} size: 946` },
  { progressDetail: {}, aux: { Tag: 'latest', Digest: DIGEST, Size: 946 } }
]

describe('ProgressTracker: push', () => {
  it('tracks 3 layers: bytes only grow, total is the sum of layer sizes, digest from aux', () => {
    const clock = fakeClock()
    const t = new ProgressTracker({ id: 't1', kind: 'push', reference: 'localhost:5000/demo/app:latest', registry: 'localhost:5000', clock: clock.now })
    expect(t.snapshot().state).toBe('queued')
    const snaps = run(t, pushThreeLayers, clock)
    const mid = snaps[6] // after b's first Pushing
    expect(mid.state).toBe('running')
    expect(mid.bytesDone).toBe(512 + 1000)
    expect(mid.bytesTotal).toBe(2048 + 5000)
    expect(mid.layers.map((l) => l.phase)).toEqual(['pushing', 'pushing', 'waiting'])

    const last = snaps.at(-1)!
    expect(last.bytesTotal).toBe(2048 + 5000 + 10000)
    expect(last.bytesDone).toBe(last.bytesTotal)
    expect(last.layers.every((l) => l.phase === 'pushed')).toBe(true)
    expect(last.digest).toBe(DIGEST)
    expect(last.size).toBe(946)
    expect(t.sawFinalStatus).toBe(true)

    t.finish()
    const done = t.snapshot()
    expect(done.state).toBe('done')
    expect(done.endedAt).toBe(clock.now())
    expect(done.etaSeconds).toBe(0)
    checkInvariants([...snaps, done])
  })

  it('takes the digest from the status line when there is no aux (containerd store)', () => {
    const t = new ProgressTracker({ id: 't2', kind: 'push', reference: 'localhost:5000/demo/app:v2' })
    run(t, pushThreeLayers.slice(0, -1).map((e) => (e.status?.startsWith('latest:') ? { status: `v2: digest: ${DIGEST} size: 1234` } : e)))
    expect(t.snapshot().digest).toBe(DIGEST)
    expect(t.snapshot().size).toBe(1234)
    expect(t.sawFinalStatus).toBe(true)
  })

  it('prefers aux over the digest line when both disagree', () => {
    const other = 'sha256:' + 'cd'.repeat(32)
    const t = new ProgressTracker({ id: 't3', kind: 'push', reference: 'r' })
    run(t, [{ status: `latest: digest: ${other} size: 1` }, { aux: { Tag: 'latest', Digest: DIGEST, Size: 2 } }])
    expect(t.snapshot()).toMatchObject({ digest: DIGEST, size: 2 })
  })

  it('counts layers that already exist or were mounted as complete', () => {
    const t = new ProgressTracker({ id: 't4', kind: 'push', reference: 'localhost:5000/demo/app:latest' })
    const snaps = run(t, [
      { status: 'The push refers to repository [localhost:5000/demo/app]' },
      { status: 'Preparing', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      { status: 'Preparing', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Preparing', progressDetail: {}, id: 'cccccccccccc' },
      { status: 'Layer already exists', progressDetail: {}, id: 'aaaaaaaaaaaa' },
      { status: 'Mounted from library/base', progressDetail: {}, id: 'bbbbbbbbbbbb' },
      { status: 'Pushing', progressDetail: { current: 100, total: 400 }, id: 'cccccccccccc' },
      { status: 'Pushed', progressDetail: {}, id: 'cccccccccccc' },
      { status: `latest: digest: ${DIGEST} size: 525` }
    ])
    const last = snaps.at(-1)!
    expect(last.layers).toEqual([
      { id: 'aaaaaaaaaaaa', phase: 'exists', label: 'Layer already exists', current: 0, total: 0 },
      { id: 'bbbbbbbbbbbb', phase: 'mounted', label: 'Mounted from library/base', current: 0, total: 0 },
      { id: 'cccccccccccc', phase: 'pushed', label: 'Pushed', current: 400, total: 400 }
    ])
    expect(last.bytesDone).toBe(400)
    expect(last.bytesTotal).toBe(400)
  })

  it('never passes 100% when the daemon counts past the announced size', () => {
    const t = new ProgressTracker({ id: 't5', kind: 'push', reference: 'r' })
    const snaps = run(t, [
      { status: 'Pushing', progressDetail: { current: 900, total: 1000 }, id: 'a' },
      { status: 'Pushing', progressDetail: { current: 1300, total: 1000 }, id: 'a' },
      { status: 'Pushed', progressDetail: {}, id: 'a' }
    ])
    expect(snaps[1].bytesDone).toBe(1300)
    expect(snaps[1].bytesTotal).toBe(1300)
  })

  it('gives sane states for Podman (no progressDetail, no aux, digest line without size)', () => {
    const t = new ProgressTracker({ id: 't6', kind: 'push', reference: 'localhost:5000/x:latest' })
    const snaps = run(t, [
      { status: 'Preparing', id: '0123456789ab' },
      { status: 'Pushing', id: '0123456789ab' },
      { status: 'Layer already exists', id: 'ba9876543210' },
      { status: 'Pushed', id: '0123456789ab' },
      { status: `latest: digest: ${DIGEST}` }
    ])
    const last = snaps.at(-1)!
    expect(last.layers.map((l) => l.phase)).toEqual(['pushed', 'exists'])
    expect(last.bytesDone).toBe(0)
    expect(last.bytesTotal).toBe(0)
    expect(last.etaSeconds).toBeNull()
    expect(last.digest).toBe(DIGEST)
    expect(last.size).toBeUndefined()
    t.finish()
    expect(t.snapshot().state).toBe('done')
  })

  it('fails on an error event inside the stream and keeps the daemon text', () => {
    const t = new ProgressTracker({ id: 't7', kind: 'push', reference: 'r', registry: '10.0.0.5:5000' })
    t.feed({ status: 'The push refers to repository [10.0.0.5:5000/x]' })
    const msg = 'Get "https://10.0.0.5:5000/v2/": http: server gave HTTP response to HTTPS client'
    const err = t.feed({ errorDetail: { message: msg }, error: msg })
    expect(err?.code).toBe('REGISTRY_HTTP_REFUSED')
    const s = t.snapshot()
    expect(s.state).toBe('failed')
    expect(s.error?.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(s.error?.details?.daemonMessage).toBe(msg)
    // Later events and finish() do not resurrect a failed transfer.
    t.feed({ status: 'Pushed', id: 'a' })
    t.finish()
    expect(t.snapshot().state).toBe('failed')
    expect(t.snapshot().layers).toEqual([])
  })

  it('cancel() ends the transfer with a CANCELLED error and no ETA', () => {
    const t = new ProgressTracker({ id: 't8', kind: 'push', reference: 'r' })
    t.feed({ status: 'Pushing', progressDetail: { current: 1, total: 10 }, id: 'a' })
    t.cancel()
    expect(t.snapshot()).toMatchObject({ state: 'cancelled', etaSeconds: null, speed: 0, error: { code: 'CANCELLED' } })
  })
})

describe('ProgressTracker: pull', () => {
  const pull: DaemonEvent[] = [
    { status: 'Pulling from library/app', id: 'latest' },
    { status: 'Already exists', progressDetail: {}, id: '111111111111' },
    { status: 'Pulling fs layer', progressDetail: {}, id: '222222222222' },
    { status: 'Pulling fs layer', progressDetail: {}, id: '333333333333' },
    { status: 'Waiting', progressDetail: {}, id: '333333333333' },
    { status: 'Downloading', progressDetail: { current: 1000, total: 4000 }, id: '222222222222' },
    { status: 'Downloading', progressDetail: { current: 4000, total: 4000 }, id: '222222222222' },
    { status: 'Verifying Checksum', progressDetail: {}, id: '222222222222' },
    { status: 'Download complete', progressDetail: {}, id: '222222222222' },
    { status: 'Extracting', progressDetail: { current: 32768, total: 4000 }, id: '222222222222' },
    // A small layer that downloads without a single "Downloading" line.
    { status: 'Download complete', progressDetail: {}, id: '333333333333' },
    { status: 'Pull complete', progressDetail: {}, id: '222222222222' },
    { status: 'Extracting', progressDetail: { current: 100, total: 200 }, id: '333333333333' },
    { status: 'Pull complete', progressDetail: {}, id: '333333333333' },
    { status: `Digest: ${DIGEST}` },
    { status: 'Status: Downloaded newer image for localhost:5000/library/app:latest' }
  ]

  it('counts download bytes, shows extraction per layer, ignores the tag line', () => {
    const t = new ProgressTracker({ id: 'p1', kind: 'pull', reference: 'localhost:5000/library/app:latest', registry: 'localhost:5000' })
    const snaps = run(t, pull)
    expect(snaps[0].layers).toEqual([]) // "Pulling from" carries the tag as id
    const downloading = snaps[5]
    expect(downloading.bytesDone).toBe(1000)
    expect(downloading.bytesTotal).toBe(4000)
    expect(downloading.layers.find((l) => l.id === '222222222222')?.phase).toBe('downloading')
    const extracting = snaps[9].layers.find((l) => l.id === '222222222222')!
    expect(extracting.phase).toBe('extracting')
    expect(extracting.current).toBe(4000)
    expect(extracting.extract).toBeDefined()
    expect(extracting.extract!.current).toBeLessThanOrEqual(extracting.extract!.total)

    const last = snaps.at(-1)!
    expect(last.layers.map((l) => [l.id, l.phase])).toEqual([
      ['111111111111', 'exists'],
      ['222222222222', 'done'],
      ['333333333333', 'done']
    ])
    expect(last.bytesDone).toBe(4000)
    expect(last.bytesTotal).toBe(4000)
    expect(last.digest).toBe(DIGEST)
    expect(last.message).toBe('Downloaded newer image for localhost:5000/library/app:latest')
    expect(t.sawFinalStatus).toBe(true)
  })

  it('decodes a Hub timeout during pull as HUB_UNREACHABLE', () => {
    const t = new ProgressTracker({ id: 'p2', kind: 'pull', reference: 'docker.io/library/alpine:latest', registry: 'docker.io' })
    const err = t.feed({ error: 'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: i/o timeout' })
    expect(err?.code).toBe('HUB_UNREACHABLE')
  })
})

describe('ProgressTracker: load', () => {
  it('tracks Loading layer bytes and collects the loaded images', () => {
    const t = new ProgressTracker({ id: 'l1', kind: 'load', reference: 'app.tar' })
    const snaps = run(t, [
      { status: 'Loading layer', progressDetail: { current: 32768, total: 100000 }, progress: '[>   ]', id: 'aaaaaaaaaaaa' },
      { status: 'Loading layer', progressDetail: { current: 100000, total: 100000 }, id: 'aaaaaaaaaaaa' },
      { status: 'Loading layer', progressDetail: { current: 512, total: 2048 }, id: 'bbbbbbbbbbbb' },
      { stream: 'Loaded image: demo/app:1.0\n' },
      { stream: 'Loaded image ID: sha256:' + 'ef'.repeat(32) + '\n' }
    ])
    expect(snaps[0].layers[0]).toMatchObject({ phase: 'extracting', current: 32768, total: 100000 })
    expect(snaps[1].layers[0].phase).toBe('done')
    const last = snaps.at(-1)!
    expect(last.images).toEqual(['demo/app:1.0', 'sha256:' + 'ef'.repeat(32)])
    expect(last.bytesDone).toBe(102048)
    expect(last.bytesTotal).toBe(102048)
    expect(last.layers.every((l) => l.phase === 'done')).toBe(true)
    expect(t.sawFinalStatus).toBe(true)
  })

  it('decodes a broken archive as INVALID_INPUT', () => {
    const t = new ProgressTracker({ id: 'l2', kind: 'load', reference: 'bad.tar' })
    expect(t.feed({ error: 'unexpected EOF' })?.code).toBe('INVALID_INPUT')
  })
})

describe('ProgressTracker: speed and ETA', () => {
  it('derives speed from the last seconds and an ETA from the bytes left', () => {
    const clock = fakeClock()
    const t = new ProgressTracker({ id: 's1', kind: 'push', reference: 'r', clock: clock.now })
    t.start()
    for (let i = 1; i <= 10; i++) {
      clock.advance(500)
      t.feed({ status: 'Pushing', progressDetail: { current: i * 50_000, total: 2_000_000 }, id: 'a' })
    }
    const s = t.snapshot()
    expect(s.speed).toBeCloseTo(100_000, -2) // 50 kB per 500 ms
    expect(s.etaSeconds).toBe(15) // 1.5 MB left at 100 kB/s
  })
})

describe('ProgressTracker: engines that send no byte counts (Podman 4.3)', () => {
  it('is indeterminate while running until bytes arrive, never on Docker-style streams', () => {
    const podman = new ProgressTracker({ id: 'p1', kind: 'push', reference: '127.0.0.1:5000/app:1' })
    podman.feed({ status: 'The push refers to repository [127.0.0.1:5000/app:1]' })
    expect(podman.snapshot().indeterminate).toBe(true)
    podman.feed({ status: `1: digest: sha256:${'c'.repeat(64)} size: 420` })
    podman.finish()
    expect(podman.snapshot().indeterminate).toBeUndefined()

    const docker = new ProgressTracker({ id: 'd1', kind: 'push', reference: '127.0.0.1:5000/app:1' })
    docker.feed({ status: 'Preparing', id: 'aaa' })
    docker.feed({ status: 'Pushing', id: 'aaa', progressDetail: { current: 10, total: 100 } })
    expect(docker.snapshot().indeterminate).toBeUndefined()
  })

  it('a confirmed result replaces the line, drops what is not a layer and withdraws the warning', () => {
    const t = new ProgressTracker({ id: 'p2', kind: 'pull', reference: '127.0.0.1:5000/app:1' })
    t.feed({ status: 'Pulling fs layer', id: 'd54f9962d4ce' })
    t.feed({ status: 'Download complete', id: 'd54f9962d4ce' })
    t.finish({ warning: m('transferNote.unconfirmed', { kind: m('kinds.pull') }) })
    expect(t.snapshot().message).toMatch(/^The engine ended the pull without its final status line/)
    expect(t.snapshot().messageMsg?.key).toBe('transferNote.unconfirmed')
    t.confirm({ digest: `sha256:${'d'.repeat(64)}`, notLayers: ['d54f9962d4ce'] })
    expect(t.snapshot()).toMatchObject({ digest: `sha256:${'d'.repeat(64)}`, layers: [] })
    expect(t.snapshot().message).toBeUndefined()
    expect(t.snapshot().messageMsg).toBeUndefined()
  })
})
