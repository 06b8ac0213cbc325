// A registry as people have it on a LAN: plain HTTP at a non-loopback address. The test runs
// registry:2 on a docker network it creates and reaches it only at that container's own address.
// Added by address alone it is HTTP and browsable; the push preflight and the doctor both say the
// engine will refuse it, with the exact line for that engine: Docker's daemon.json
// insecure-registries, or Podman's registries.conf [[registry]] entry.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DoctorReport } from '@shared/contract'
import type { Services } from '../../src/main/services'
import { startBackend, type Call, type TestBackend } from '../support/backend'
import { PLAIN_REGISTRY, step, verdicts } from '../support/doctor'
import { describeEngine } from '../support/describeEngine'
import { expectedHttpAdvice } from '../support/engine'
import { startNetworkRegistry, type NetworkRegistry } from '../support/networkRegistry'
import { seedImage } from '../support/registries'

describeEngine('a plain-HTTP registry on a LAN address', () => {
  let backend: TestBackend
  let services: Services
  let call: Call
  let registry: NetworkRegistry
  let address: string

  beforeAll(async () => {
    registry = await startNetworkRegistry('lan')
    address = registry.address
    await seedImage(address, 'team/app', '1.0')

    backend = await startBackend('lan')
    ;({ services, call } = backend)
  })

  afterAll(async () => {
    await backend?.close()
    await registry?.stop()
  })

  it('is added by its address alone as HTTP and browsed at once', async () => {
    const entry = await call('registries.add', { address })
    expect(entry).toMatchObject({ address, scheme: 'http' })
    expect((await call('registries.check', { id: entry.id })).state).toBe('reachable')
    expect((await call('browse.catalogPage', { registryId: entry.id })).repositories).toEqual(['team/app'])
    expect((await call('browse.tags', { registryId: entry.id, repository: 'team/app' })).tags).toEqual(['1.0'])
  })

  it("the push preflight says the engine will refuse it, with the exact line for this engine's settings", async () => {
    const advice = await expectedHttpAdvice(address)
    const pre = await call('transfers.preflight', { target: `${address}/team/app:2.0` })
    expect(pre).toMatchObject({ registry: address, scheme: 'http', engineAllowsHttp: false })
    expect(pre.problem?.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(String(pre.problem?.details?.snippet)).toContain(advice.snippet)
    expect(pre.problem?.details?.daemonJson).toBe(advice.where)
  })

  it('the doctor passes every registry step and fails the engine step with the same line', async () => {
    const entry = services.registries.findByAddress(address)!
    const r: DoctorReport = await call('registries.doctor', { id: entry.id })
    expect(verdicts(r)).toEqual({
      ...PLAIN_REGISTRY,
      deletes: 'failed deletes.off',
      engine: 'failed engine.refusesHttp'
    })
    const engine = step(r, 'engine')
    expect(engine.seen.params).toMatchObject({ local: true, address })
    expect(engine.fix?.code).toBe('engine.allowHttpFix')
    const advice = await expectedHttpAdvice(address)
    expect(String(engine.fix?.params?.snippet)).toContain(advice.snippet)
    expect(engine.fix?.params?.where).toBe(advice.where)
  })
})
