// The pieces of the push preflight: the engine's insecure-registry rule, daemon.json advice per
// engine, the scheme probe against real local servers, and the up-front push totals.
import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { httpRefusedError, insecureRegistryAdvice } from '../../src/main/transfers/daemonJson'
import { withExpectedSizes } from '../../src/main/transfers/expectedLayers'
import { cidrContains, engineAllowsHttp, splitHostPort } from '../../src/main/transfers/insecure'
import { probeScheme } from '../../src/main/transfers/schemeProbe'
import { freePort } from '../support/http'

describe('engine insecure-registry rule', () => {
  it('splits host and port, IPv6 included', () => {
    expect(splitHostPort('reg.example.com:5000')).toEqual({ host: 'reg.example.com', port: 5000 })
    expect(splitHostPort('reg.example.com')).toEqual({ host: 'reg.example.com' })
    expect(splitHostPort('[::1]:5000')).toEqual({ host: '::1', port: 5000 })
    expect(splitHostPort('::1')).toEqual({ host: '::1' })
  })

  it('matches CIDRs of both families', () => {
    expect(cidrContains('127.0.0.0/8', '127.1.2.3')).toBe(true)
    expect(cidrContains('127.0.0.0/8', '172.17.0.2')).toBe(false)
    expect(cidrContains('::1/128', '::1')).toBe(true)
    expect(cidrContains('10.0.0.0/8', '::1')).toBe(false)
    expect(cidrContains('garbage', '10.0.0.1')).toBe(false)
  })

  it('follows the daemon: explicit index config first, then the CIDRs of the resolved addresses', async () => {
    const config = { RegistryConfig: { InsecureRegistryCIDRs: ['127.0.0.0/8'], IndexConfigs: { 'docker.io': { Secure: true }, 'team.example.com:5000': { Secure: false } } } }
    const resolve = async (h: string): Promise<string[]> => ({ localhost: ['127.0.0.1'], 'far.example.com': ['203.0.113.7'] })[h] ?? [h]
    expect(await engineAllowsHttp(config, '127.0.0.1:5000', resolve)).toBe(true)
    expect(await engineAllowsHttp(config, 'localhost:5000', resolve)).toBe(true)
    expect(await engineAllowsHttp(config, 'team.example.com:5000', resolve)).toBe(true)
    expect(await engineAllowsHttp(config, 'far.example.com:5000', resolve)).toBe(false)
    expect(await engineAllowsHttp(config, '172.17.0.3:5000', resolve)).toBe(false)
    expect(await engineAllowsHttp(undefined, '127.0.0.1:5000', resolve)).toBe(false)
  })
})

describe('daemon.json advice', () => {
  it('names the file of the engine in use and gives the exact snippet', () => {
    expect(insecureRegistryAdvice('10.0.0.5:5000').where).toBe('/etc/docker/daemon.json')
    expect(insecureRegistryAdvice('10.0.0.5:5000', { name: 'Docker Desktop' }).where).toMatch(/Settings → Docker Engine/)
    expect(insecureRegistryAdvice('10.0.0.5:5000', { SecurityOptions: ['name=seccomp', 'name=rootless'] }).where).toMatch(/~\/.config\/docker\/daemon.json/)
    expect(insecureRegistryAdvice('10.0.0.5:5000', { OSType: 'windows' }).where).toMatch(/ProgramData/)
    expect(insecureRegistryAdvice('10.0.0.5:5000', { name: 'Podman' }).snippet).toBe('[[registry]]\nlocation = "10.0.0.5:5000"\ninsecure = true')
    const err = httpRefusedError('10.0.0.5:5000')
    expect(err.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(err.details?.snippet).toBe('{\n  "insecure-registries": ["10.0.0.5:5000"]\n}')
    expect(JSON.parse(String(err.details?.snippet))).toEqual({ 'insecure-registries': ['10.0.0.5:5000'] })
    expect(err.hint).toMatch(/\/etc\/docker\/daemon.json/)
  })
})

describe('scheme probe', () => {
  let http: Server
  let port: number
  beforeAll(async () => {
    http = createHttpServer((_req, res) => res.end('{}'))
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
    port = (http.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((r) => http.close(() => r())))

  it('recognises a plain-HTTP server, and says unknown when nothing listens', async () => {
    expect(await probeScheme(`127.0.0.1:${port}`)).toBe('http')
    expect(await probeScheme(`127.0.0.1:${await freePort()}`)).toBe('unknown')
  })
})

describe('push totals from the local layer sizes', () => {
  const snap = (layers: TransferSnapshot['layers'], state: TransferSnapshot['state'] = 'running'): TransferSnapshot => ({
    id: 'x',
    rev: 1,
    kind: 'push',
    reference: 'r',
    state,
    startedAt: 0,
    bytesDone: layers.reduce((a, l) => a + l.current, 0),
    bytesTotal: layers.reduce((a, l) => a + l.total, 0),
    speed: 0,
    etaSeconds: null,
    layers
  })
  const expected = new Map([
    ['aaa', 100],
    ['bbb', 200],
    ['ccc', 300]
  ])

  it('counts layers not announced yet and layers the registry had, never going down', () => {
    const high = { done: 0, total: 0 }
    const a = snap([{ id: 'aaa', phase: 'pushing', label: 'Pushing', current: 40, total: 100 }])
    withExpectedSizes(a, expected, high)
    expect([a.bytesDone, a.bytesTotal]).toEqual([40, 600])
    const b = snap([
      { id: 'aaa', phase: 'pushing', label: 'Pushing', current: 60, total: 100 },
      { id: 'bbb', phase: 'exists', label: 'Layer already exists', current: 0, total: 0 }
    ])
    withExpectedSizes(b, expected, high)
    expect([b.bytesDone, b.bytesTotal]).toEqual([260, 600])
    const done = snap(
      [
        { id: 'aaa', phase: 'pushed', label: 'Pushed', current: 100, total: 100 },
        { id: 'bbb', phase: 'exists', label: 'Layer already exists', current: 0, total: 0 },
        { id: 'ccc', phase: 'pushed', label: 'Pushed', current: 301, total: 301 }
      ],
      'done'
    )
    withExpectedSizes(done, expected, high)
    expect([done.bytesDone, done.bytesTotal]).toEqual([601, 601])
  })

  it('stays out of the way when the engine reports layers it does not know', () => {
    const s = snap([{ id: 'zzz', phase: 'pushing', label: 'Pushing', current: 5, total: 10 }])
    withExpectedSizes(s, expected, { done: 0, total: 0 })
    expect([s.bytesDone, s.bytesTotal]).toEqual([5, 10])
  })
})
