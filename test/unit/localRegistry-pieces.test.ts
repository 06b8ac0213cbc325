// The local registry's pure pieces (no engine needed): log demultiplexing, the tar writer,
// mirror names, the container recipe, LAN addresses, port errors, the contract's validation.
import { createServer } from 'node:net'
import { Readable } from 'node:stream'
import { extract } from 'tar-stream'
import { describe, expect, it } from 'vitest'
import bcrypt from 'bcryptjs'
import { BerthError } from '../../src/shared/contract/errors'
import { localRegistryCalls } from '../../src/shared/contract/localRegistry'
import { demuxDockerLogs, lastLines } from '../../src/main/localRegistry/logs'
import { tarOf } from '../../src/main/localRegistry/tar'
import { htpasswdArchive, htpasswdLine } from '../../src/main/localRegistry/htpasswd'
import { sameReference } from '../../src/main/engine/tagging'
import { imageUnavailable, mirrorReference, normalizeMirror } from '../../src/main/localRegistry/image'
import { containerOptions, setupOf } from '../../src/main/localRegistry/spec'
import { insecureRegistriesSnippet, lanIps } from '../../src/main/localRegistry/network'
import { canBind, portInUseError } from '../../src/main/localRegistry/ports'
import { volumeSize } from '../../src/main/localRegistry/volume'
import type Docker from 'dockerode'

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text)
  const head = Buffer.alloc(8)
  head[0] = stream
  head.writeUInt32BE(body.length, 4)
  return Buffer.concat([head, body])
}

async function untar(buf: Buffer): Promise<Record<string, { type: string; body: string; mode?: number }>> {
  const out: Record<string, { type: string; body: string; mode?: number }> = {}
  const ex = extract()
  ex.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer))
    stream.on('end', () => {
      out[header.name] = { type: header.type ?? '', body: Buffer.concat(chunks).toString('utf8'), mode: header.mode }
      next()
    })
  })
  await new Promise<void>((resolve, reject) => {
    ex.on('finish', resolve)
    ex.on('error', reject)
    Readable.from([buf]).pipe(ex)
  })
  return out
}

describe('local registry pieces', () => {
  it('demultiplexes docker logs (stdout and stderr frames) and keeps TTY text as is', () => {
    const buf = Buffer.concat([frame(1, 'first line\nsecond '), frame(2, 'line\n'), frame(1, 'third\n')])
    expect(demuxDockerLogs(buf)).toBe('first line\nsecond line\nthird\n')
    expect(demuxDockerLogs(Buffer.from('plain tty output\n'))).toBe('plain tty output\n')
    expect(lastLines('a\n\nb\r\nc\n', 2)).toEqual(['b', 'c'])
    expect(lastLines('x'.repeat(600), 1)[0]).toHaveLength(501)
  })

  it('writes a tar that a standard reader accepts', async () => {
    const entries = await untar(tarOf([{ name: 'dir/file.txt', content: Buffer.from('hello'), mode: 0o640 }], ['dir']))
    expect(entries['dir/']).toMatchObject({ type: 'directory' })
    expect(entries['dir/file.txt']).toMatchObject({ type: 'file', body: 'hello', mode: 0o640 })
    // Content longer than one block is padded correctly.
    const big = 'x'.repeat(1300)
    expect((await untar(tarOf([{ name: 'b', content: Buffer.from(big) }])))['b'].body).toBe(big)
  })

  it('puts a bcrypt htpasswd line the registry can verify into the volume tar', async () => {
    const line = await htpasswdLine('alice', 's3cret:with colon')
    const [user, hash] = [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]
    expect(user).toBe('alice')
    expect(hash).toMatch(/^\$2[aby]\$10\$/)
    expect(bcrypt.compareSync('s3cret:with colon', hash)).toBe(true)
    const entries = await untar(htpasswdArchive(line))
    expect(entries['.berth-auth/htpasswd'].body).toBe(line)
  })

  it('names the registry image on a mirror', () => {
    expect(normalizeMirror('https://Mirror.GCR.io/')).toBe('mirror.gcr.io')
    expect(mirrorReference('registry:2', 'https://mirror.gcr.io/')).toBe('mirror.gcr.io/library/registry:2')
    expect(mirrorReference('team/registry', '10.0.0.5:5000')).toBe('10.0.0.5:5000/team/registry:latest')
  })

  it('compares the names Docker and Podman give the same image', () => {
    expect(sameReference('docker.io/library/registry:2', 'registry:2')).toBe(true)
    expect(sameReference('docker.io/demo/web', 'demo/web:latest')).toBe(true)
    expect(sameReference('localhost/app:1', 'app:1')).toBe(false)
    expect(sameReference('127.0.0.1:5000/x/registry:2.8', '127.0.0.1:5000/x/registry:2.8')).toBe(true)
    expect(sameReference('registry:2', 'registry:2.8')).toBe(false)
  })

  it('builds the container recipe and reads it back', () => {
    const id = { image: 'registry:2', containerName: 'c', volumeName: 'v', labelValue: 'l' }
    const opts = containerOptions(id, { port: 5001, shared: false, authUser: 'bob' })
    expect(opts.Labels).toMatchObject({ 'berth.managed': 'l' })
    expect(opts.Env).toContain('REGISTRY_STORAGE_DELETE_ENABLED=true')
    expect(opts.Env).toContain('REGISTRY_AUTH=htpasswd')
    expect(opts.HostConfig?.RestartPolicy).toEqual({ Name: 'unless-stopped' })
    expect(opts.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: 'v', Target: '/var/lib/registry' }])
    expect(containerOptions(id, { port: 5001, shared: true }).HostConfig?.PortBindings).toEqual({ '5000/tcp': [{ HostIp: '', HostPort: '5001' }] })
    const info = { HostConfig: opts.HostConfig, Config: { Labels: opts.Labels } } as unknown as Docker.ContainerInspectInfo
    expect(setupOf(info)).toEqual({ port: 5001, shared: false, authUser: 'bob' })
  })

  it('lists LAN addresses without loopback, link-local or engine bridges', () => {
    const ifaces = {
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }],
      eth0: [
        { address: '192.168.1.20', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
        { address: '2001:db8::5', family: 'IPv6', internal: false }
      ],
      docker0: [{ address: '172.17.0.1', family: 'IPv4', internal: false }],
      'br-1a2b': [{ address: '172.18.0.1', family: 'IPv4', internal: false }]
    } as unknown as Parameters<typeof lanIps>[0]
    expect(lanIps(ifaces)).toEqual(['192.168.1.20'])
    expect(lanIps({ eth0: [{ address: '2001:db8::5', family: 'IPv6', internal: false }] } as unknown as Parameters<typeof lanIps>[0])).toEqual(['[2001:db8::5]'])
    expect(JSON.parse(insecureRegistriesSnippet(['192.168.1.20:5000']))).toEqual({ 'insecure-registries': ['192.168.1.20:5000'] })
  })

  it('sees a port held by another program and words the error', async () => {
    const server = createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as { port: number }).port
    try {
      expect(await canBind(port, '127.0.0.1')).toBe(false)
      expect(await canBind(port, '0.0.0.0')).toBe(false)
    } finally {
      await new Promise((r) => server.close(r))
    }
    expect(await canBind(port, '127.0.0.1')).toBe(true)
    const byContainer = portInUseError(5000, { container: { id: 'abc', name: 'web' } }, 5001)
    expect(byContainer.message).toBe('Port 5000 is already in use by the container "web" of this engine.')
    expect(byContainer.details).toMatchObject({ port: 5000, suggestedPort: 5001, container: { name: 'web' } })
    expect(portInUseError(5000, {}, undefined).message).toContain('another program')
  })

  it('keeps the decoded pull error and adds the ways out', () => {
    const hub = new BerthError('HUB_UNREACHABLE', 'The engine could not reach Docker Hub.', 'Check the internet connection.', { daemonMessage: 'dial tcp: no such host' })
    const err = imageUnavailable(hub, 'registry:2', ['mirror.gcr.io'])
    expect(err.code).toBe('HUB_UNREACHABLE')
    expect(err.message).toBe('Could not get the image registry:2: the engine could not reach Docker Hub.')
    expect(err.hint).toContain('mirror.gcr.io')
    expect(err.hint).toContain('tar')
    expect(err.details).toMatchObject({ daemonMessage: 'dial tcp: no such host', localRegistryImage: 'registry:2', mirrors: ['mirror.gcr.io'] })
    expect(imageUnavailable(new BerthError('CANCELLED', 'The pull was cancelled.'), 'registry:2', []).details).toBeUndefined()
  })

  it('validates the calls: ports, mirrors, auth users, confirmation', () => {
    expect(localRegistryCalls['localRegistry.start'].safeParse(undefined).success).toBe(true)
    expect(localRegistryCalls['localRegistry.start'].safeParse({ port: 0 }).success).toBe(false)
    expect(localRegistryCalls['localRegistry.start'].safeParse({ port: 5000.5 }).success).toBe(false)
    expect(localRegistryCalls['localRegistry.start'].safeParse({ mirror: 'https://mirror.gcr.io/' }).success).toBe(true)
    expect(localRegistryCalls['localRegistry.start'].safeParse({ mirror: 'mirror.gcr.io/some/path' }).success).toBe(false)
    expect(localRegistryCalls['localRegistry.setAuth'].safeParse({ enabled: true, username: 'a:b', password: 'x' }).success).toBe(false)
    expect(localRegistryCalls['localRegistry.setAuth'].safeParse({ enabled: true, username: 'alice', password: '' }).success).toBe(false)
    expect(localRegistryCalls['localRegistry.setAuth'].safeParse({ enabled: false }).success).toBe(true)
    expect(localRegistryCalls['localRegistry.removeAll'].safeParse({}).success).toBe(false)
  })

  it("asks for the volume's size again when Podman 4.3's df fails on a container removed mid-walk", async () => {
    // Podman 4.3's own words when a container (a GC helper just removed) vanished during its walk.
    const podmanRace = Object.assign(new Error('(HTTP code 500) server error - failed to get state of container abc: container abc does not exist in database: no such container '), { statusCode: 500 })
    const answers: unknown[] = [podmanRace, { Volumes: [{ Name: 'v', UsageData: { Size: 42, RefCount: 1 } }] }]
    const dial = (_opts: unknown, cb: (err: unknown, data?: unknown) => void): void => {
      const next = answers.shift()
      if (next instanceof Error) cb(next)
      else cb(null, next)
    }
    expect(await volumeSize({ modem: { dial } } as unknown as Docker, 'v')).toBe(42)
    expect(answers).toEqual([])
    // Anything else is the engine's real answer, not retried.
    const broken = Object.assign(new Error('(HTTP code 500) server error - disk on fire '), { statusCode: 500 })
    const failing = (_opts: unknown, cb: (err: unknown) => void): void => cb(broken)
    await expect(volumeSize({ modem: { dial: failing } } as unknown as Docker, 'v')).rejects.toBe(broken)
  })
})
