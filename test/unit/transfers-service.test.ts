// TransferService against a scripted fake engine: background runs, coalesced events, errors
// inside a 200 stream, cancel, retry, auth header, preflight and load byte counting.
import { PassThrough, Readable } from 'node:stream'
import type Docker from 'dockerode'
import { describe, expect, it } from 'vitest'
import type { BerthEvents, EventName } from '@shared/contract'
import { BerthError } from '@shared/contract/errors'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { TransferService, type TransferServiceOptions } from '../../src/main/transfers/service'

const DIGEST = `sha256:${'a'.repeat(64)}`

interface Call {
  op: string
  name?: string
  opts?: Record<string, unknown>
}

interface Script {
  /** Lines the push/pull/load stream sends; `hold` keeps the stream open afterwards. */
  lines?: object[]
  hold?: boolean
  repoTags?: string[]
  pushStatus?: { statusCode: number; message: string }
  registryConfig?: object
  imageId?: string
  repoDigests?: string[]
}

function fakeDocker(script: Script): { docker: Docker; calls: Call[]; streams: PassThrough[] } {
  const calls: Call[] = []
  const streams: PassThrough[] = []
  const repoTags = [...(script.repoTags ?? [])]
  const stream = (signal?: AbortSignal): PassThrough => {
    const s = new PassThrough()
    streams.push(s)
    signal?.addEventListener('abort', () => s.destroy())
    setImmediate(() => {
      for (const l of script.lines ?? []) s.write(JSON.stringify(l) + '\r\n')
      if (!script.hold) s.end()
    })
    return s
  }
  const docker = {
    info: async () => ({ RegistryConfig: script.registryConfig ?? { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: {} }, OperatingSystem: 'Debian' }),
    getImage: (name: string) => ({
      inspect: async () => {
        calls.push({ op: 'inspect', name })
        if (name === 'missing') throw Object.assign(new Error('(HTTP code 404) no such image - No such image: missing '), { statusCode: 404 })
        return { Id: script.imageId ?? 'sha256:1111', RepoTags: [...repoTags], RepoDigests: script.repoDigests ?? [] }
      },
      tag: async (opts: Record<string, unknown>) => {
        calls.push({ op: 'tag', name, opts })
        repoTags.push(`${String(opts.repo)}:${String(opts.tag)}`)
      },
      push: async (opts: Record<string, unknown>) => {
        calls.push({ op: 'push', name, opts })
        if (script.pushStatus) throw Object.assign(new Error(`(HTTP code ${script.pushStatus.statusCode}) server error - ${script.pushStatus.message} `), { statusCode: script.pushStatus.statusCode })
        return stream(opts.abortSignal as AbortSignal)
      }
    }),
    createImage: async (auth: unknown, opts: Record<string, unknown>) => {
      calls.push({ op: 'pull', opts: { ...opts, auth } })
      return stream(opts.abortSignal as AbortSignal)
    },
    loadImage: async (body: NodeJS.ReadableStream, opts: Record<string, unknown>) => {
      calls.push({ op: 'load', opts })
      // The engine reads the whole archive before it answers.
      for await (const _chunk of body as Readable) void _chunk
      return stream(opts.abortSignal as AbortSignal)
    }
  }
  return { docker: docker as unknown as Docker, calls, streams }
}

function setup(script: Script, extra: Partial<TransferServiceOptions> = {}) {
  const fake = fakeDocker(script)
  const events: { event: EventName; payload: unknown }[] = []
  const service = new TransferService({
    docker: () => fake.docker,
    emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void events.push({ event, payload }),
    probe: async () => 'https',
    headPushed: async () => undefined,
    resolve: async (h) => (h === 'localhost' ? ['127.0.0.1'] : [h]),
    ...extra
  })
  const updates = (): TransferSnapshot[] => events.filter((e) => e.event === 'transfers.update').map((e) => e.payload as TransferSnapshot)
  return { ...fake, service, events, updates }
}

const pushLines = (layers: { id: string; size: number }[], steps = 10): object[] => [
  { status: 'The push refers to repository [127.0.0.1:5000/app]' },
  ...layers.map((l) => ({ status: 'Preparing', id: l.id })),
  ...layers.flatMap((l) => Array.from({ length: steps }, (_, i) => ({ status: 'Pushing', id: l.id, progressDetail: { current: Math.round(((i + 1) * l.size) / steps), total: l.size } }))),
  ...layers.map((l) => ({ status: 'Pushed', id: l.id })),
  { status: `1: digest: ${DIGEST} size: 735` },
  { progressDetail: {}, aux: { Tag: '1', Digest: DIGEST, Size: 735 } }
]

describe('TransferService push', () => {
  it('returns at once, runs in the background and ends with the digest when the stream ends', async () => {
    const t = setup({ lines: pushLines([{ id: 'aaa', size: 1000 }, { id: 'bbb', size: 3000 }], 300) })
    const first = t.service.push({ source: 'app:1', target: '127.0.0.1:5000/app:1' })
    expect(first.kind).toBe('push')
    expect(first.reference).toBe('127.0.0.1:5000/app:1')
    expect(first.state).toBe('queued')
    const done = await t.service.wait(first.id)
    expect(done.state).toBe('done')
    expect(done.digest).toBe(DIGEST)
    expect(done.bytesDone).toBe(4000)
    expect(done.bytesTotal).toBe(4000)
    // 600 progress lines in a few milliseconds: coalesced to a handful of events.
    const updates = t.updates().filter((u) => u.id === first.id)
    expect(updates.length).toBeLessThan(15)
    expect(updates.at(-1)!.state).toBe('done')
    // Tag first (the image had no such tag), push the name without the tag plus the tag.
    expect(t.calls.find((c) => c.op === 'tag')?.opts).toEqual({ repo: '127.0.0.1:5000/app', tag: '1' })
    const push = t.calls.find((c) => c.op === 'push')!
    expect(push.name).toBe('127.0.0.1:5000/app')
    expect(push.opts?.tag).toBe('1')
    expect(t.events.some((e) => e.event === 'images.changed' && (e.payload as { reason: string }).reason === 'tag')).toBe(true)
  })

  it('never emits more than 20 updates per second for one transfer', async () => {
    const t = setup({ lines: [], hold: true })
    const first = t.service.push({ source: 'app:1', target: '127.0.0.1:5000/app:1' })
    await new Promise((r) => setTimeout(r, 20))
    const s = t.streams[0]!
    const started = Date.now()
    for (let i = 1; i <= 60; i++) {
      s.write(JSON.stringify({ status: 'Pushing', id: 'aaa', progressDetail: { current: i * 100, total: 6000 } }) + '\n')
      await new Promise((r) => setTimeout(r, 10))
    }
    const elapsed = (Date.now() - started) / 1000
    s.end(JSON.stringify({ status: `1: digest: ${DIGEST} size: 1` }) + '\n')
    await t.service.wait(first.id)
    const running = t.updates().filter((u) => u.state === 'running')
    expect(running.length).toBeLessThanOrEqual(Math.ceil(elapsed * 20) + 2)
    // Bytes only grow across the emitted snapshots.
    const bytes = running.map((u) => u.bytesDone)
    expect([...bytes].sort((a, b) => a - b)).toEqual(bytes)
  })

  it('does not re-tag an image that already has the target tag, and sends an empty X-Registry-Auth without credentials', async () => {
    const t = setup({ lines: pushLines([{ id: 'aaa', size: 10 }]), repoTags: ['127.0.0.1:5000/app:1'] })
    const s = t.service.push({ source: '127.0.0.1:5000/app:1', target: '127.0.0.1:5000/app:1' })
    await t.service.wait(s.id)
    expect(t.calls.some((c) => c.op === 'tag')).toBe(false)
    const auth = t.calls.find((c) => c.op === 'push')!.opts!.authconfig as { base64: string }
    expect(JSON.parse(Buffer.from(auth.base64, 'base64').toString())).toEqual({})
  })

  it('sends saved credentials as X-Registry-Auth (base64url JSON) and never in a snapshot', async () => {
    const t = setup(
      { lines: pushLines([{ id: 'aaa', size: 10 }]) },
      { credentials: { resolveCredentials: async () => ({ username: 'alice', password: 's3cret?>', source: 'berth' }), credentialStatus: async () => ({ source: 'berth', username: 'alice' }) } }
    )
    const s = t.service.push({ source: 'app:1', target: 'registry.example.com/team/app:2' })
    await t.service.wait(s.id)
    const auth = t.calls.find((c) => c.op === 'push')!.opts!.authconfig as { base64: string }
    const decoded = JSON.parse(Buffer.from(auth.base64.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString())
    expect(decoded).toEqual({ username: 'alice', password: 's3cret?>', serveraddress: 'registry.example.com' })
    expect(JSON.stringify(t.events)).not.toContain('s3cret')
  })

  it('treats an error line inside a 200 stream as a failure and decodes it', async () => {
    const t = setup({ lines: [{ status: 'Preparing', id: 'aaa' }, { errorDetail: { message: 'no basic auth credentials' }, error: 'no basic auth credentials' }] })
    const s = t.service.push({ source: 'app:1', target: 'registry.example.com/app:1' })
    const err = await t.service.wait(s.id).catch((e: BerthError) => e)
    expect(err).toBeInstanceOf(BerthError)
    expect((err as BerthError).code).toBe('AUTH_REQUIRED')
    const snap = t.service.get(s.id)
    expect(snap.state).toBe('failed')
    expect(snap.error?.code).toBe('AUTH_REQUIRED')
    expect(t.updates().at(-1)!.state).toBe('failed')
  })

  it('decodes an error status before the stream (image gone)', async () => {
    const t = setup({ pushStatus: { statusCode: 404, message: 'An image does not exist locally with the tag: x/app' } })
    const s = t.service.push({ source: 'app:1', target: 'registry.example.com/app:1' })
    const err = (await t.service.wait(s.id).catch((e: BerthError) => e)) as BerthError
    expect(err.code).toBe('NOT_FOUND')
  })

  it('fails with NOT_FOUND when the source image does not exist, before tagging', async () => {
    const t = setup({ lines: [] })
    const s = t.service.push({ source: 'missing', target: 'registry.example.com/app:1' })
    const err = (await t.service.wait(s.id).catch((e: BerthError) => e)) as BerthError
    expect(err.code).toBe('NOT_FOUND')
    expect(t.calls.some((c) => c.op === 'tag' || c.op === 'push')).toBe(false)
  })

  it('refuses a target with a digest or an invalid name synchronously', () => {
    const t = setup({})
    expect(() => t.service.push({ source: 'app:1', target: `reg.example.com/app@${DIGEST}` })).toThrow(/digest/)
    expect(() => t.service.push({ source: 'app:1', target: 'reg.example.com/App:1' })).toThrow(BerthError)
  })

  it('cancels a running push: the stream is destroyed, the state is cancelled and wait rejects', async () => {
    const t = setup({ lines: [{ status: 'Pushing', id: 'aaa', progressDetail: { current: 5, total: 100 } }], hold: true })
    const s = t.service.push({ source: 'app:1', target: 'registry.example.com/app:1' })
    await new Promise((r) => setTimeout(r, 30))
    expect(t.service.get(s.id).state).toBe('running')
    t.service.cancel(s.id)
    const err = (await t.service.wait(s.id).catch((e: BerthError) => e)) as BerthError
    expect(err.code).toBe('CANCELLED')
    expect(t.service.get(s.id).state).toBe('cancelled')
    expect(t.streams[0]!.destroyed).toBe(true)
    // The local image is left alone: no remove call exists at all.
    expect(t.calls.map((c) => c.op)).not.toContain('remove')
  })

  it('retries a failed push under the same id', async () => {
    const script: Script = { lines: [{ error: 'dial tcp 10.0.0.9:5000: connect: connection refused', errorDetail: { message: 'dial tcp 10.0.0.9:5000: connect: connection refused' } }] }
    const t = setup(script)
    const s = t.service.push({ source: 'app:1', target: '10.0.0.9:5000/app:1' })
    const err = (await t.service.wait(s.id).catch((e: BerthError) => e)) as BerthError
    expect(err.code).toBe('REGISTRY_UNREACHABLE')
    script.lines = pushLines([{ id: 'aaa', size: 10 }])
    const again = t.service.retry(s.id)
    expect(again.id).toBe(s.id)
    const done = await t.service.wait(s.id)
    expect(done.state).toBe('done')
    expect(t.service.list()).toHaveLength(1)
    expect(() => t.service.retry(s.id)).toThrow(/only failed, cancelled or interrupted/)
  })

  it('stays tied to the engine it ran on: named in its snapshot, and retried only there', async () => {
    let engine = 'unix:///var/run/docker.sock'
    const script: Script = { lines: [{ error: 'dial tcp 10.0.0.9:5000: connect: connection refused', errorDetail: { message: 'dial tcp 10.0.0.9:5000: connect: connection refused' } }] }
    const t = setup(script, { engineLabel: () => engine })
    const s = t.service.push({ source: 'app:1', target: '10.0.0.9:5000/app:1' })
    await t.service.wait(s.id).catch(() => undefined)
    expect(t.service.get(s.id).engine).toBe('unix:///var/run/docker.sock')
    engine = 'unix:///run/podman/podman.sock'
    expect(() => t.service.retry(s.id)).toThrow(/ran on the engine at unix:\/\/\/var\/run\/docker.sock; Berth now talks to unix:\/\/\/run\/podman\/podman.sock/)
    engine = 'unix:///var/run/docker.sock'
    script.lines = pushLines([{ id: 'aaa', size: 10 }])
    t.service.retry(s.id)
    expect((await t.service.wait(s.id)).state).toBe('done')
  })

  it('lists several transfers at once and dismisses finished ones', async () => {
    const t = setup({ lines: pushLines([{ id: 'aaa', size: 10 }]) })
    const a = t.service.push({ source: 'app:1', target: 'registry.example.com/app:1' })
    const b = t.service.pull({ reference: 'registry.example.com/app:1' })
    expect(t.service.list().map((x) => x.id).sort()).toEqual([a.id, b.id].sort())
    await Promise.all([t.service.wait(a.id), t.service.wait(b.id).catch(() => undefined)])
    expect(t.service.dismiss(a.id)).toEqual([a.id])
    expect(t.events.some((e) => e.event === 'transfers.removed')).toBe(true)
    expect(() => t.service.get(a.id)).toThrow(/No such transfer/)
  })
})

describe('TransferService preflight', () => {
  it('stops a push to a plain-HTTP registry the engine treats as secure, with the daemon.json snippet', async () => {
    const t = setup({ lines: pushLines([{ id: 'aaa', size: 10 }]) }, { probe: async () => 'http' })
    const check = await t.service.preflight('172.17.0.5:5000/app:1')
    expect(check.scheme).toBe('http')
    expect(check.engineAllowsHttp).toBe(false)
    expect(check.problem?.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(check.problem?.details?.snippet).toBe('{\n  "insecure-registries": ["172.17.0.5:5000"]\n}')
    expect(check.problem?.details?.daemonJson).toBe('/etc/docker/daemon.json')

    const s = t.service.push({ source: 'app:1', target: '172.17.0.5:5000/app:1' })
    const err = (await t.service.wait(s.id).catch((e: BerthError) => e)) as BerthError
    expect(err.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(t.calls.some((c) => c.op === 'push' || c.op === 'tag')).toBe(false)
  })

  it('lets plain HTTP through for 127.0.0.0/8, localhost and insecure-registries entries', async () => {
    const t = setup({}, { probe: async () => 'http' })
    expect((await t.service.preflight('127.0.0.1:5000/app')).problem).toBeUndefined()
    expect((await t.service.preflight('localhost:5000/app')).engineAllowsHttp).toBe(true)
    const t2 = setup({ registryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { '172.17.0.5:5000': { Secure: false } } } }, { probe: async () => 'http' })
    expect((await t2.service.preflight('172.17.0.5:5000/app')).problem).toBeUndefined()
    const t3 = setup({ registryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8', '172.17.0.0/16'] } }, { probe: async () => 'http' })
    expect((await t3.service.preflight('172.17.0.5:5000/app')).engineAllowsHttp).toBe(true)
  })

  it('uses the scheme of a registry kept in the sidebar instead of probing', async () => {
    let probed = false
    const t = setup({}, { knownScheme: () => 'http', probe: async () => ((probed = true), 'https') })
    expect((await t.service.preflight('10.9.9.9:5000/app')).problem?.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(probed).toBe(false)
  })

  it('gives Podman users registries.conf instead of daemon.json', async () => {
    const t = setup({}, { probe: async () => 'http', engineName: () => 'Podman' })
    const check = await t.service.preflight('10.9.9.9:5000/app')
    expect(String(check.problem?.details?.snippet)).toContain('insecure = true')
  })
})

describe('TransferService pull and load', () => {
  it('pulls by name and tag (or digest) with the registry credentials header', async () => {
    const t = setup({
      lines: [
        { status: 'Pulling from app', id: '1' },
        { status: 'Pulling fs layer', id: 'aaa' },
        { status: 'Downloading', id: 'aaa', progressDetail: { current: 50, total: 100 } },
        { status: 'Download complete', id: 'aaa' },
        { status: 'Extracting', id: 'aaa', progressDetail: { current: 100, total: 100 } },
        { status: 'Pull complete', id: 'aaa' },
        { status: `Digest: ${DIGEST}` },
        { status: 'Status: Downloaded newer image for 127.0.0.1:5000/app:1' }
      ]
    })
    const s = t.service.pull({ reference: '127.0.0.1:5000/app:1' })
    const done = await t.service.wait(s.id)
    expect(done.digest).toBe(DIGEST)
    expect(done.layers[0]).toMatchObject({ id: 'aaa', phase: 'done', current: 100, total: 100 })
    expect(t.calls[0]!.opts).toMatchObject({ fromImage: '127.0.0.1:5000/app', tag: '1' })
    expect(t.events.some((e) => e.event === 'images.changed' && (e.payload as { reason: string }).reason === 'pull')).toBe(true)

    const byDigest = t.service.pull({ reference: `127.0.0.1:5000/app@${DIGEST}` })
    await t.service.wait(byDigest.id)
    expect(t.calls.filter((c) => c.op === 'pull')[1]!.opts).toMatchObject({ fromImage: '127.0.0.1:5000/app', tag: DIGEST })
  })

  it('Podman pull (captured lines): no byte counts, the image id is not a layer, the digest comes from RepoDigests', async () => {
    const imageId = `sha256:d54f9962d4ce${'0'.repeat(52)}`
    const t = setup({
      imageId,
      repoDigests: [`127.0.0.1:5000/app@${DIGEST}`, `docker.io/library/app@sha256:${'b'.repeat(64)}`],
      lines: [
        { status: 'Already exists', progressDetail: {}, id: '4f2a7f8a86d4' },
        { status: 'Pulling fs layer', progressDetail: {}, id: 'd54f9962d4ce' },
        { status: 'Download complete', progressDetail: {}, id: 'd54f9962d4ce' },
        { status: 'Download complete', progressDetail: {}, id: 'd54f9962d4ce' }
      ]
    })
    const s = t.service.pull({ reference: '127.0.0.1:5000/app:1' })
    const done = await t.service.wait(s.id)
    expect(done.state).toBe('done')
    expect(done.layers.map((l) => l.id)).toEqual(['4f2a7f8a86d4'])
    expect(done.digest).toBe(DIGEST)
    expect(done.message).toBeUndefined()
    expect(done.indeterminate).toBeUndefined()
  })

  it('Podman push (captured lines): the registry HEAD gives digest and size, the line only what it knows', async () => {
    const heads: string[] = []
    const t = setup(
      { lines: [{ status: 'The push refers to repository [127.0.0.1:5000/app:1]' }, { status: `1: digest: ${DIGEST} size: 420` }] },
      { headPushed: async (registry, repository, tag) => (heads.push(`${registry}/${repository}:${tag}`), { digest: DIGEST, size: 424 }) }
    )
    const done = await t.service.wait(t.service.push({ source: 'app:1', target: '127.0.0.1:5000/app:1' }).id)
    expect(heads).toEqual(['127.0.0.1:5000/app:1'])
    expect([done.digest, done.size]).toEqual([DIGEST, 424])
  })

  it('loads a stream, counting the bytes sent to the engine, and lists the images it held', async () => {
    const t = setup({ lines: [{ status: 'Loading layer', id: 'aaa', progressDetail: { current: 10, total: 10 } }, { stream: 'Loaded image: demo/app:1\n' }, { stream: 'Loaded image ID: sha256:2222\n' }] })
    const body = Readable.from([Buffer.alloc(4000), Buffer.alloc(6000)])
    const s = t.service.load({ stream: body, name: 'app.tar', size: 10_000 })
    expect(s.reference).toBe('app.tar')
    const done = await t.service.wait(s.id)
    expect(done.state).toBe('done')
    expect(done.bytesDone).toBe(10_000)
    expect(done.bytesTotal).toBe(10_000)
    expect(done.images).toEqual(['demo/app:1', 'sha256:2222'])
    expect(t.calls[0]!.opts).toMatchObject({ quiet: false })
    expect(() => t.service.retry(s.id)).toThrow()
  })

  it('reports an interrupted upload as such', async () => {
    const t = setup({ lines: [] })
    const body = new PassThrough()
    const s = t.service.load({ stream: body, name: 'cut.tar', size: 10_000 })
    body.write(Buffer.alloc(100))
    setTimeout(() => body.destroy(new Error('aborted')), 20)
    const err = (await t.service.wait(s.id).catch((e: BerthError) => e)) as BerthError
    expect(err.message).toMatch(/cut\.tar stopped before its end/)
  })
})
