// registry:2 as on a LAN: on a docker network the test creates (optionally in a given subnet, at a
// given address), with no published port, so it is reached only at the container's own address.
// Removes what it made.
import { randomBytes } from 'node:crypto'
import { testDocker } from './engine'
import { waitForV2 } from './http'

export interface NetworkRegistry {
  /** CONTAINER_IP:5000 */
  address: string
  stop(): Promise<void>
}

export async function startNetworkRegistry(label: string, subnet?: string, fixedIp?: string): Promise<NetworkRegistry> {
  const docker = testDocker()
  const suffix = randomBytes(4).toString('hex')
  const networkName = `berth-test-${label}-${suffix}`
  const containerName = `berth-test-${label}-registry-${suffix}`
  const stop = async (): Promise<void> => {
    await docker.getContainer(containerName).remove({ force: true, v: true }).catch(() => undefined)
    await docker.getNetwork(networkName).remove().catch(() => undefined)
  }
  try {
    await docker.createNetwork({ Name: networkName, Driver: 'bridge', Labels: { 'berth.test': label }, ...(subnet ? { IPAM: { Config: [{ Subnet: subnet }] } } : {}) })
    const container = await docker.createContainer({
      name: containerName,
      Image: process.env.BERTH_REGISTRY_IMAGE ?? 'registry:2',
      Labels: { 'berth.test': 'registry' },
      HostConfig: { NetworkMode: networkName },
      ...(fixedIp ? { NetworkingConfig: { EndpointsConfig: { [networkName]: { IPAMConfig: { IPv4Address: fixedIp } } } } } : {})
    })
    await container.start()
    const ip = (await container.inspect()).NetworkSettings.Networks[networkName]?.IPAddress
    if (!ip) throw new Error(`${containerName} has no address on ${networkName}`)
    const address = `${ip}:5000`
    await waitForV2(`http://${address}/v2/`)
    return { address, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
