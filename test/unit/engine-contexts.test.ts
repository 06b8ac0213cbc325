// Docker contexts from a test DOCKER_CONFIG directory laid out as the docker CLI writes it:
// config.json's currentContext, contexts/meta/<sha256(name)>/meta.json, contexts/tls/….
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readContexts } from '../../src/main/engine/contexts'
import { contextDirName } from '../support/dockerContexts'
import { candidateEndpoints } from '../../src/main/engine/endpoints'

let dir: string
const home = '/nonexistent-home'

function addContext(name: string, host: string, opts: { tls?: boolean; skipTLSVerify?: boolean; description?: string } = {}): void {
  const id = contextDirName(name)
  mkdirSync(join(dir, 'contexts', 'meta', id), { recursive: true })
  const meta = { Name: name, Metadata: { Description: opts.description ?? '' }, Endpoints: { docker: { Host: host, SkipTLSVerify: opts.skipTLSVerify ?? false } } }
  writeFileSync(join(dir, 'contexts', 'meta', id, 'meta.json'), JSON.stringify(meta))
  if (opts.tls) {
    const tls = join(dir, 'contexts', 'tls', id, 'docker')
    mkdirSync(tls, { recursive: true })
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(tls, f), `${name}-${f}`)
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-contexts-'))
  addContext('remote', 'tcp://10.0.0.5:2376', { tls: true, description: 'the build box' })
  addContext('lab', 'ssh://me@lab.example')
  addContext('local-podman', 'unix:///run/podman/podman.sock')
  // Not a context: a directory without a docker endpoint.
  mkdirSync(join(dir, 'contexts', 'meta', 'junk'), { recursive: true })
  writeFileSync(join(dir, 'contexts', 'meta', 'junk', 'meta.json'), '{"Name":"k8s-only","Endpoints":{}}')
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'remote', auths: {} }))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('Docker contexts', () => {
  it('lays context directories out as the CLI does: the sha256 of the name', () => {
    // sha256("default"), checked with `printf default | sha256sum`.
    expect(contextDirName('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f')
  })

  it('reads every context with a docker endpoint, its description and TLS files', () => {
    const { contexts } = readContexts({ DOCKER_CONFIG: dir }, home)
    expect(contexts.map((c) => c.name)).toEqual(['lab', 'local-podman', 'remote'])
    const remote = contexts.find((c) => c.name === 'remote')!
    expect(remote).toMatchObject({ host: 'tcp://10.0.0.5:2376', description: 'the build box', skipTLSVerify: false })
    expect(remote.tls?.ca?.toString()).toBe('remote-ca.pem')
    expect(contexts.find((c) => c.name === 'lab')!.tls).toBeUndefined()
  })

  it('picks the current context as the CLI does: DOCKER_CONTEXT, then DOCKER_HOST, then config.json', () => {
    expect(readContexts({ DOCKER_CONFIG: dir }, home)).toMatchObject({ current: 'remote', source: 'config.json' })
    expect(readContexts({ DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///x.sock' }, home)).toMatchObject({ current: 'default', source: 'DOCKER_HOST' })
    expect(readContexts({ DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///x.sock', DOCKER_CONTEXT: 'lab' }, home)).toMatchObject({ current: 'lab', source: 'DOCKER_CONTEXT' })
    expect(readContexts({ DOCKER_CONFIG: join(dir, 'nothing-here') }, home)).toMatchObject({ current: 'default', source: 'default', contexts: [] })
  })

  it('connects to the current context with its own TLS material', () => {
    const [endpoint, ...rest] = candidateEndpoints({ DOCKER_CONFIG: dir }, home)
    expect(rest).toEqual([])
    expect(endpoint!.context).toBe('remote')
    expect(endpoint!.label).toBe('remote (tcp://10.0.0.5:2376)')
    expect(endpoint!.options).toMatchObject({ protocol: 'https', host: '10.0.0.5', port: 2376 })
    expect(String(endpoint!.options.ca)).toBe('remote-ca.pem')
    expect(String(endpoint!.options.key)).toBe('remote-key.pem')
  })

  it('honours DOCKER_CONTEXT over DOCKER_HOST, and DOCKER_HOST over config.json', () => {
    expect(candidateEndpoints({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'local-podman', DOCKER_HOST: 'tcp://127.0.0.1:1' }, home)[0]!.options).toEqual({ socketPath: '/run/podman/podman.sock' })
    expect(candidateEndpoints({ DOCKER_CONFIG: dir, DOCKER_HOST: 'unix:///tmp/x.sock' }, home)).toEqual([{ label: 'unix:///tmp/x.sock', options: { socketPath: '/tmp/x.sock' } }])
    expect(candidateEndpoints({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'lab' }, home)[0]!.options).toMatchObject({ protocol: 'ssh', host: 'lab.example', username: 'me' })
  })

  it('says so when the chosen context does not exist, instead of trying somewhere else', () => {
    const endpoints = candidateEndpoints({ DOCKER_CONFIG: dir, DOCKER_CONTEXT: 'gone' }, home)
    expect(endpoints).toHaveLength(1)
    expect(endpoints[0]!.problem).toMatch(/DOCKER_CONTEXT names the Docker context "gone", which does not exist/)
  })
})
