// The other side of the LAN case: an engine that lists a subnet in insecure-registries pushes
// over plain HTTP to a registry there. scripts/test-engine.sh gives its daemon the test-only
// subnet 172.31.213.0/24; this test runs registry:2 on a network of its own in that subnet,
// reached only at the container's own address, and pushes through Berth to it.
import { randomBytes } from 'node:crypto'
import { fetch } from 'undici'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract'
import type { Services } from '../../src/main/services'
import { startBackend, type Call, type TestBackend } from '../support/backend'
import { describeEngine } from '../support/describeEngine'
import { startNetworkRegistry, type NetworkRegistry } from '../support/networkRegistry'
import { step, verdicts } from '../support/doctor'
import { isCI, testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'

const SUBNET = '172.31.213.0/24'
const docker = testDocker()
const suffix = randomBytes(4).toString('hex')
const prefix = `berth-it-insecure-${suffix}`

const cidrs = ((await docker.info().catch(() => undefined)) as { RegistryConfig?: { InsecureRegistryCIDRs?: string[] } } | undefined)?.RegistryConfig?.InsecureRegistryCIDRs ?? []
const engineHasSubnet = cidrs.includes(SUBNET)
const why = `the engine at ${process.env.DOCKER_HOST ?? 'the default socket'} does not list ${SUBNET} in insecure-registries (it was started before scripts/test-engine.sh gave it that subnet: stop and start it again)`
if (!engineHasSubnet && isCI) throw new Error(`CI=true and ${why}`)
if (!engineHasSubnet) console.warn(`[skipping the insecure-subnet push test] ${why}`)

const run = engineHasSubnet ? describeEngine : describeEngine.skip

run('a plain-HTTP registry in the engine’s insecure-registries subnet', () => {
  let backend: TestBackend
  let services: Services
  let call: Call
  let registry: NetworkRegistry
  let address: string

  beforeAll(async () => {
    registry = await startNetworkRegistry('insecure', SUBNET)
    address = registry.address
    await buildImage(docker, { tag: `${prefix}/app:1`, layers: [{ path: '/a', size: 100_000 }] })
    backend = await startBackend('insecure')
    ;({ services, call } = backend)
  })

  afterAll(async () => {
    await backend?.close()
    await registry?.stop()
    await cleanupByPrefix(docker, prefix)
  })

  it('preflight and doctor say the engine accepts it, and the push succeeds', async () => {
    const entry = await call('registries.add', { address })
    expect(entry.scheme).toBe('http')
    const pre = await call('transfers.preflight', { target: `${address}/lan/app:1` })
    expect(pre).toMatchObject({ scheme: 'http', engineAllowsHttp: true })
    expect(pre.problem).toBeUndefined()
    const report = await call('registries.doctor', { id: entry.id })
    expect(verdicts(report).engine).toBe('ok engine.acceptsHttp')
    expect(step(report, 'engine').fix).toBeUndefined()

    // Listening before the push starts: a small loopback push may end before the call returns.
    const ended = new Map<string, TransferSnapshot>()
    const off = services.events.on('transfers.update', (s) => {
      if (s.state === 'done' || s.state === 'failed' || s.state === 'cancelled') ended.set(s.id, s)
    })
    const started = await call('transfers.push', { source: `${prefix}/app:1`, target: `${address}/lan/app:1` })
    await expect.poll(() => ended.has(started.id), { timeout: 60_000, interval: 50 }).toBe(true)
    off()
    const final = ended.get(started.id)!
    expect(final.error).toBeUndefined()
    expect(final.state).toBe('done')
    const tags = (await (await fetch(`http://${address}/v2/lan/app/tags/list`)).json()) as { tags: string[] }
    expect(tags.tags).toEqual(['1'])
  })
})
