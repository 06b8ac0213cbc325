// The Docker Hub cache's pure pieces: what an upstream may be, the container recipe, and the
// engine's registry-mirrors line for Docker and Podman (and where it lives).
import { describe, expect, it } from 'vitest'
import { DOCKER_HUB_UPSTREAM, normalizeUpstream, upstreamError } from '@shared/contract/hubCache'
import { cacheContainerOptions, HUB_CACHE_IDENTITY } from '../../src/main/hubCache'
import { cacheSetupOf } from '../../src/main/hubCache/spec'
import { cacheRefusesPushes } from '../../src/main/transfers/preflight'
import { registryMirrorAdvice } from '../../src/main/transfers/daemonJson'
import type Docker from 'dockerode'
import type { Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

const english = (msg: Msg | null): string => (msg ? inEnglish(msg) : '')

describe('cache upstream', () => {
  it('accepts Docker Hub, a mirror host and host:port with a scheme; nothing typed is Docker Hub', () => {
    for (const ok of ['', 'mirror.example.com', 'https://mirror.example.com:5000', 'http://10.0.0.5:5000', 'http://upstream-registry:5000/']) expect(upstreamError(ok)).toBeNull()
    expect(normalizeUpstream('')).toBe(DOCKER_HUB_UPSTREAM)
    expect(normalizeUpstream('docker.io')).toBe(DOCKER_HUB_UPSTREAM)
    expect(normalizeUpstream('mirror.example.com')).toBe('https://mirror.example.com')
    expect(normalizeUpstream('http://10.0.0.5:5000/')).toBe('http://10.0.0.5:5000')
  })

  it('refuses loopback (the container itself), paths, users and other schemes', () => {
    expect(english(upstreamError('127.0.0.1:5000'))).toMatch(/container itself/)
    expect(english(upstreamError('http://localhost:5000'))).toMatch(/container itself/)
    expect(english(upstreamError('http://[::1]:5000'))).toMatch(/container itself/)
    expect(english(upstreamError('mirror.example.com/v2/'))).toMatch(/without a path/)
    expect(english(upstreamError('https://user@mirror.example.com'))).toMatch(/without a path/)
    expect(english(upstreamError('ftp://mirror.example.com'))).toMatch(/registry address/)
  })
})

describe('cache container', () => {
  const setup = { port: 5001, upstream: 'https://mirror.example.com', login: { username: 'bob', password: 's3cret' } }

  it('is registry:2 in proxy mode on 127.0.0.1, its own volume and label; the password only in its environment', () => {
    const o = cacheContainerOptions(HUB_CACHE_IDENTITY, setup, true, 'team-net')
    expect(o.Env).toEqual(['REGISTRY_PROXY_REMOTEURL=https://mirror.example.com', 'REGISTRY_PROXY_USERNAME=bob', 'REGISTRY_PROXY_PASSWORD=s3cret'])
    expect(o.Labels).toEqual({ 'berth.managed': 'hub-cache', 'berth.port': '5001', 'berth.upstream': 'https://mirror.example.com', 'berth.upstream-user': 'bob' })
    expect(JSON.stringify(o.Labels)).not.toContain('s3cret')
    expect(o.HostConfig?.PortBindings).toEqual({ '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: '5001' }] })
    expect(o.HostConfig?.Mounts).toEqual([{ Type: 'volume', Source: 'berth-hub-cache-data', Target: '/var/lib/registry' }])
    expect(o.HostConfig?.NetworkMode).toBe('team-net')
    expect(cacheContainerOptions(HUB_CACHE_IDENTITY, { port: 5001, upstream: DOCKER_HUB_UPSTREAM }).Env).toEqual([`REGISTRY_PROXY_REMOTEURL=${DOCKER_HUB_UPSTREAM}`])
  })

  it('reads its setup back from labels and bindings', () => {
    const o = cacheContainerOptions(HUB_CACHE_IDENTITY, setup)
    const info = { Config: { Labels: o.Labels }, HostConfig: o.HostConfig } as unknown as Docker.ContainerInspectInfo
    expect(cacheSetupOf(info)).toEqual({ port: 5001, upstream: 'https://mirror.example.com', username: 'bob' })
  })

  it('a push to it is refused with a reason and a way out', () => {
    const e = cacheRefusesPushes('127.0.0.1:5001')
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toContain('refuses pushes')
    expect(e.hint).toMatch(/local registry/)
  })
})

describe('registry-mirrors line per engine', () => {
  it('Docker: daemon.json registry-mirrors, in the file of that engine', () => {
    const docker = registryMirrorAdvice('127.0.0.1:5001')
    expect(docker).toMatchObject({ engine: 'docker', where: '/etc/docker/daemon.json', snippet: '{\n  "registry-mirrors": ["http://127.0.0.1:5001"]\n}' })
    expect(docker.restart).toMatch(/registry-mirrors/)
    expect(registryMirrorAdvice('127.0.0.1:5001', { name: 'Docker Desktop' }).where).toMatch(/Settings → Docker Engine/)
    expect(registryMirrorAdvice('127.0.0.1:5001', { SecurityOptions: ['name=rootless'] }).where).toMatch(/~\/.config\/docker\/daemon.json/)
  })

  it('Podman: a [[registry.mirror]] of docker.io in registries.conf (rootful, rootless, machine)', () => {
    const podman = registryMirrorAdvice('127.0.0.1:5001', { name: 'Podman' }, 'linux')
    expect(podman.engine).toBe('podman')
    expect(podman.where).toBe('/etc/containers/registries.conf')
    expect(podman.snippet).toBe('[[registry]]\nprefix = "docker.io"\nlocation = "docker.io"\n\n[[registry.mirror]]\nlocation = "127.0.0.1:5001"\ninsecure = true')
    expect(registryMirrorAdvice('127.0.0.1:5001', { name: 'Podman', Rootless: true }, 'linux').where).toMatch(/~\/.config\/containers\/registries.conf/)
    expect(registryMirrorAdvice('127.0.0.1:5001', { name: 'Podman' }, 'darwin').where).toMatch(/podman machine ssh/)
  })
})
