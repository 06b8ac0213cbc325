// A busy port fails before anything is created, says what holds it (a container of this
// engine, else another program) and offers the next free port, which then works.
import { createServer, type Server } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { BerthError } from '../../src/shared/contract/errors'
import type { PortInUseDetails } from '../../src/shared/contract/localRegistry'
import { describeEngine } from '../support/describeEngine'
import { startRegistry, type TestRegistry } from '../support/registries'
import { catalog, harness, type Harness } from '../support/localRegistry'

describeEngine('local registry port in use (real engine)', () => {
  let h: Harness
  let holder: Server
  let other: TestRegistry | undefined

  beforeAll(async () => {
    h = await harness('port')
    // Another program holds the registry's port on 127.0.0.1.
    holder = createServer()
    await new Promise<void>((resolve) => holder.listen(h.port, '127.0.0.1', resolve))
  })

  afterAll(async () => {
    await new Promise((r) => holder?.close(r))
    await other?.stop()
    await h?.cleanup()
  })

  it('refuses a port another program holds, leaves nothing behind, and the offered port works', async () => {
    const err = await h.service.start().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(BerthError)
    const e = err as BerthError
    expect(e.code).toBe('PORT_IN_USE')
    expect(e.message).toContain(`Port ${h.port}`)
    expect(e.message).toContain('another program')
    const details = e.details as unknown as PortInUseDetails
    expect(details.port).toBe(h.port)
    expect(details.container).toBeUndefined()
    expect(details.suggestedPort).toBeGreaterThan(h.port)
    expect(e.hint).toContain(String(details.suggestedPort))

    expect(await h.containers()).toHaveLength(0)
    await expect(h.docker.getVolume(h.names.volumeName).inspect()).rejects.toMatchObject({ statusCode: 404 })
    expect((await h.service.status()).state).toBe('absent')

    const started = await h.service.start({ port: details.suggestedPort })
    expect(started.state).toBe('running')
    expect(started.port).toBe(details.suggestedPort)
    expect(await catalog(`127.0.0.1:${details.suggestedPort}`)).toEqual([])
    // The chosen port is remembered for the next creation.
    await h.service.removeContainer()
    expect((await h.service.status()).port).toBe(details.suggestedPort)
  })

  it('names the container of this engine that publishes the port', async () => {
    other = await startRegistry()
    const busy = Number(other.address.split(':')[1])
    const err = (await h.service.start({ port: busy }).catch((e: unknown) => e)) as BerthError
    expect(err).toBeInstanceOf(BerthError)
    expect(err.code).toBe('PORT_IN_USE')
    expect(err.message).toContain(other.container)
    expect((err.details as unknown as PortInUseDetails).container?.name).toBe(other.container)
    expect(await h.containers()).toHaveLength(0)
  })

  it('changing the port of a running registry checks the new port first and keeps the old one running on refusal', async () => {
    const started = await h.service.start()
    expect(started.state).toBe('running')
    const err = (await h.service.setPort(h.port).catch((e: unknown) => e)) as BerthError
    expect(err.code).toBe('PORT_IN_USE')
    const after = await h.service.status()
    expect(after.state).toBe('running')
    expect(after.containerId).toBe(started.containerId)
    expect(await h.containers()).toHaveLength(1)
  })
})
