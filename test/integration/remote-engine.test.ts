// A remote engine (another machine's dockerd over TCP; here one in a network namespace the test
// creates): Berth starts the local registry THERE, learns it is up from the engine's side (its
// 127.0.0.1 is not ours), says where it runs, and pushes to it through that engine.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { EngineConnection } from '../../src/main/engine/connection'
import { fromDockerHost } from '../../src/main/engine/endpoints'
import { LocalRegistryService } from '../../src/main/localRegistry'
import { engineReachesRegistry } from '../../src/main/localRegistry/engineSide'
import { registryAnswers } from '../../src/main/localRegistry/probe'
import { TransferService } from '../../src/main/transfers'
import { buildImage } from '../support/images'
import { freePort } from '../support/http'
import { describeRemote, startRemoteEngine, type RemoteEngine } from '../support/remoteEngine'

describeRemote('a remote engine over TCP (dockerd in a network namespace)', () => {
  let remote: RemoteEngine
  let service: LocalRegistryService
  let transfers: TransferService
  let dataDir: string
  let port: number
  const id = randomBytes(4).toString('hex')

  beforeAll(async () => {
    remote = await startRemoteEngine()
    dataDir = mkdtempSync(join(tmpdir(), 'berth-remote-'))
    port = await freePort()
    const engineHost = (): string => remote.host
    service = new LocalRegistryService({ docker: () => remote.docker, dataDir, containerName: `berth-remote-${id}`, volumeName: `berth-remote-${id}-data`, labelValue: `remote-${id}`, defaultPort: port, engineHost })
    transfers = new TransferService({
      docker: () => remote.docker,
      emit: () => undefined,
      engineHost,
      // Berth must not probe its own 127.0.0.1 for a registry on the engine's.
      probe: async (address) => {
        throw new Error(`probed ${address} from this machine`)
      }
    })
  }, 180_000)

  afterAll(async () => {
    transfers?.dispose()
    service?.dispose()
    await remote?.stop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  })

  it('knows the engine is another machine', async () => {
    const connection = new EngineConnection({ endpoints: [fromDockerHost(remote.dockerHost, {})] })
    const status = await connection.check()
    expect(status.state).toBe('connected')
    if (status.state === 'connected') expect(status.engine.remoteHost).toBe(remote.host)
  })

  it("starts the local registry on the engine's host, ready by the engine's own check, and says where it runs", async () => {
    const status = await service.start()
    expect(status.state).toBe('running')
    expect(status.address).toBe(`127.0.0.1:${port}`)
    expect(status.engineHost).toBe(remote.host)
    expect(status.repositoriesError).toContain(remote.host)
    // The engine reaches it on its 127.0.0.1; this machine's 127.0.0.1 has nothing there.
    expect(await engineReachesRegistry(remote.docker, status.address)).toBe(true)
    expect(await registryAnswers(`http://127.0.0.1:${port}`)).toBe(false)
  })

  it("pushes through the engine to its own 127.0.0.1, the preflight reasoning from the engine's side", async () => {
    const image = await buildImage(remote.docker, { tag: `berth-remote-${id}/app:1`, layers: [{ path: '/a', size: 100_000 }] })
    const target = `127.0.0.1:${port}/team/app:1`
    const check = await transfers.preflight(target)
    expect(check).toMatchObject({ engineAllowsHttp: true, scheme: 'unknown' })
    expect(check.problem).toBeUndefined()
    const done = await transfers.wait(transfers.push({ source: image, target }).id)
    expect(done.state).toBe('done')
    expect(done.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('shared on the network, Berth reads its catalog at the engine host address', async () => {
    // Confirmed: open to the network (of the namespace) without basic auth.
    const shared = await service.setShared(true, true)
    expect(shared.state).toBe('running')
    expect(await registryAnswers(`http://${remote.host}:${port}`)).toBe(true)
    const status = await service.status()
    expect(status.repositories).toBe(1)
  })

  it("stopped, the engine's own check says it no longer answers", async () => {
    const stopped = await service.stop()
    expect(stopped.state).toBe('stopped')
    expect(await engineReachesRegistry(remote.docker, `127.0.0.1:${port}`)).toBe(false)
  })
})
