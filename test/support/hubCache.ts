// An upstream for the Docker Hub cache (tests cannot reach Docker Hub): registry:2 on a docker
// network the test creates, published on 127.0.0.1 for seeding, reached by the cache (which runs
// on that network: registry:2 asks its upstream for /v2/ as it starts) by name. Also names the cache's container, volume and
// label uniquely so a test never touches the user's cache. Removes what it made.
import { randomBytes } from 'node:crypto'
import { MANAGED_LABEL } from '../../src/main/localRegistry'
import { testDocker } from './engine'
import { freePort, waitForV2 } from './http'

export interface CacheUpstream {
  /** 127.0.0.1:PORT, for seeding from the test. */
  address: string
  /** http://NAME:5000: how the cache container reaches it on the test's network. */
  url: string
  network: string
  stop(): Promise<void>
}

export async function startCacheUpstream(label: string): Promise<CacheUpstream> {
  const docker = testDocker()
  const suffix = randomBytes(4).toString('hex')
  const network = `berth-test-${label}-${suffix}`
  const name = `berth-test-${label}-upstream-${suffix}`
  const stop = async (): Promise<void> => {
    await docker.getContainer(name).remove({ force: true, v: true }).catch(() => undefined)
    await docker.getNetwork(network).remove().catch(() => undefined)
  }
  try {
    await docker.createNetwork({ Name: network, Driver: 'bridge', Labels: { 'berth.test': label } })
    const container = await docker.createContainer({
      name,
      Image: process.env.BERTH_REGISTRY_IMAGE ?? 'registry:2',
      Labels: { 'berth.test': 'registry' },
      ExposedPorts: { '5000/tcp': {} },
      HostConfig: { NetworkMode: network, PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } }
    })
    await container.start()
    const port = (await container.inspect()).NetworkSettings.Ports['5000/tcp']?.[0]?.HostPort
    if (!port) throw new Error(`${name}: no host port published`)
    const address = `127.0.0.1:${port}`
    await waitForV2(`http://${address}/v2/`)
    return { address, url: `http://${name}:5000`, network, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

/** Unique names for the cache under test, and what removes everything of it. */
export async function testCacheNames(label: string): Promise<{ names: { containerName: string; volumeName: string; labelValue: string; defaultPort: number }; cleanup(): Promise<void> }> {
  const id = randomBytes(4).toString('hex')
  const prefix = `berth-test-${label}-cache-${id}`
  const names = { containerName: prefix, volumeName: `${prefix}-data`, labelValue: `test-cache-${id}`, defaultPort: await freePort() }
  const docker = testDocker()
  return {
    names,
    async cleanup() {
      const list = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=${names.labelValue}`] } }).catch(() => [])
      for (const c of list) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)
      await docker.getVolume(names.volumeName).remove().catch(() => undefined)
    }
  }
}
