// The other side of the LAN case: an engine configured to talk plain HTTP to a non-loopback
// registry pushes there. Docker: scripts/test-engine.sh lists the test-only subnet 172.31.213.0/24
// in insecure-registries. Podman has no CIDRs: scripts/test-podman.sh marks the one address
// 172.31.213.10 insecure in its registries.conf. This test runs registry:2 at that address on a
// network of its own in that subnet, reached only at the container's own address, and pushes
// through Berth to it.
import { randomBytes } from 'node:crypto'
import { fetch } from 'undici'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract'
import type { Services } from '../../src/main/services'
import { startBackend, type Call, type TestBackend } from '../support/backend'
import { describeEngine } from '../support/describeEngine'
import { startNetworkRegistry, type NetworkRegistry } from '../support/networkRegistry'
import { step, verdicts } from '../support/doctor'
import { engineDisplayName, isCI, testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'

const SUBNET = '172.31.213.0/24'
const IP = '172.31.213.10'
const docker = testDocker()
const suffix = randomBytes(4).toString('hex')
const prefix = `berth-it-insecure-${suffix}`

// The engine's own facts, read raw: Docker's CIDRs, or the registries.conf locations Podman reports.
const podman = (await engineDisplayName()) === 'Podman'
const registryConfig = ((await docker.info().catch(() => undefined)) as { RegistryConfig?: { InsecureRegistryCIDRs?: string[]; IndexConfigs?: Record<string, { Secure?: boolean }> } } | undefined)?.RegistryConfig
const engineAllowsIt = podman ? registryConfig?.IndexConfigs?.[IP]?.Secure === false : (registryConfig?.InsecureRegistryCIDRs ?? []).includes(SUBNET)
const why = podman
  ? `the Podman service at ${process.env.DOCKER_HOST ?? 'the default socket'} does not mark ${IP} insecure in its registries.conf (it was started before scripts/test-podman.sh added it: stop and start it again)`
  : `the engine at ${process.env.DOCKER_HOST ?? 'the default socket'} does not list ${SUBNET} in insecure-registries (it was started before scripts/test-engine.sh gave it that subnet: stop and start it again)`
if (!engineAllowsIt && isCI) throw new Error(`CI=true and ${why}`)
if (!engineAllowsIt) console.warn(`[skipping the insecure-subnet push test] ${why}`)

const run = engineAllowsIt ? describeEngine : describeEngine.skip

run('a plain-HTTP registry the engine is configured to reach over HTTP (a subnet, or an address)', () => {
  let backend: TestBackend
  let services: Services
  let call: Call
  let registry: NetworkRegistry
  let address: string

  beforeAll(async () => {
    registry = await startNetworkRegistry('insecure', SUBNET, IP)
    address = registry.address
    expect(address).toBe(`${IP}:5000`)
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
