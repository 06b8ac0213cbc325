// DOCKER_HOST=ssh://user@host, for real: an sshd of the test's own on a loopback port, whose
// sessions reach the test engine through `docker system dial-stdio`. Berth connects with the key
// and known_hosts of a home folder the test made, lists images, and starts the local registry
// on that engine (the engine's own check says it answers); an unknown host key is refused.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type Docker from 'dockerode'
import { EngineConnection } from '../../src/main/engine/connection'
import { candidateEndpoints } from '../../src/main/engine/endpoints'
import { ImageService } from '../../src/main/engine/images'
import { engineReachesRegistry } from '../../src/main/localRegistry/engineSide'
import { registryAnswers } from '../../src/main/localRegistry/probe'
import { familiarReference } from '@shared/reference'
import { engineDisplayName, testDocker } from '../support/engine'
import { buildImage, cleanupByPrefix } from '../support/images'
import { harness, type Harness } from '../support/localRegistry'
import { describeSsh, startSshEngine, type SshEngine } from '../support/sshEngine'

describeSsh('an engine over ssh:// (an sshd of the test, on loopback)', () => {
  const docker = testDocker()
  const prefix = `berth-it-ssh-${process.pid}`
  let ssh: SshEngine
  let connection: EngineConnection
  let h: Harness

  beforeAll(async () => {
    ssh = await startSshEngine(process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock')
    await buildImage(docker, { tag: `${prefix}/app:1`, layers: [{ path: '/a', size: 50_000 }] })
    // As a user with DOCKER_HOST=ssh://… and that home folder would be: no agent, the key file.
    connection = new EngineConnection({ endpoints: candidateEndpoints({ DOCKER_HOST: ssh.url }, ssh.home) })
    h = await harness('ssh', { docker: (): Docker => connection.docker() })
  }, 180_000)

  afterAll(async () => {
    await h?.cleanup()
    connection?.stop()
    await ssh?.stop()
    await cleanupByPrefix(docker, prefix)
  })

  it('connects through ssh and names the engine at the other end', async () => {
    const status = await connection.check()
    expect(status).toMatchObject({ state: 'connected', engine: { endpoint: ssh.url, name: await engineDisplayName() } })
    // 127.0.0.1 over ssh is this machine: its registry is reached here too.
    if (status.state === 'connected') expect(status.engine.remoteHost).toBeUndefined()
  })

  it('lists the engine’s images over ssh', async () => {
    const images = await new ImageService(() => connection.docker(), () => undefined).list()
    expect(images.flatMap((i) => i.repoTags)).toContain(familiarReference(`${prefix}/app:1`))
  })

  it('starts the local registry there, ready by the engine’s own check through ssh', async () => {
    const status = await h.service.start()
    expect(status.state).toBe('running')
    expect(status.address).toBe(`127.0.0.1:${h.port}`)
    expect(await engineReachesRegistry(connection.docker(), status.address)).toBe(true)
    expect(await registryAnswers(`http://${status.address}`)).toBe(true)
    const stopped = await h.service.stop()
    expect(stopped.state).toBe('stopped')
    expect(await engineReachesRegistry(connection.docker(), status.address)).toBe(false)
  })

  it('refuses a host whose key known_hosts does not have, and says what to do', async () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-ssh-stranger-'))
    try {
      // No known_hosts entry for the server: refused before any key is offered.
      const stranger = new EngineConnection({ endpoints: candidateEndpoints({ DOCKER_HOST: ssh.url }, home) })
      const status = await stranger.check()
      expect(status.state).toBe('down')
      if (status.state === 'down') {
        expect(status.tried[0]!.error).toMatch(/host key of 127\.0\.0\.1:\d+ is not in ~\/\.ssh\/known_hosts/)
        // The same advice in the user's language: a catalog message, not only English text.
        expect(status.tried[0]!.errorMsg?.key).toBe('errors.engine.ssh.hostKey')
      }
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})
