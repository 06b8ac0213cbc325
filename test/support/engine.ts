// How tests find an engine: DOCKER_HOST (scripts/test-engine.sh prints it), else the default
// socket. Without one, engine tests skip with a reason, except under CI=true where they fail.
import type Docker from 'dockerode'
import { createEngineClient } from '../../src/main/engine/client'
import type { Endpoint } from '../../src/main/engine/endpoints'

export const isCI = process.env.CI === 'true'

/** Berth's own engine client, so tests' setup and cleanup ride out the same Podman list races. */
export function testDocker(): Docker {
  return createEngineClient(dockerOptionsFromEnv())
}

export function dockerOptionsFromEnv(): Docker.DockerOptions {
  const host = process.env.DOCKER_HOST
  if (host?.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) }
  if (host?.startsWith('tcp://')) {
    const u = new URL(host.replace('tcp://', 'http://'))
    return { host: u.hostname, port: Number(u.port || 2375) }
  }
  return { socketPath: '/var/run/docker.sock' }
}

/** The test engine as Berth's endpoint list names it. */
export function testEndpoint(): Endpoint {
  return { label: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', options: dockerOptionsFromEnv() }
}

let reachable: Promise<string | null> | undefined
/** null when the engine answers, else why not. */
export function engineProblem(): Promise<string | null> {
  reachable ??= testDocker()
    .ping()
    .then(() => null)
    .catch((e: Error) => `no Docker engine at ${process.env.DOCKER_HOST ?? '/var/run/docker.sock'} (${e.message}); run: eval "$(scripts/test-engine.sh start)"`)
  return reachable
}

/**
 * The name Berth shows for the test engine ("Podman" or "Docker Engine"), from its /version;
 * "no engine" without one (the suites then skip, or fail under CI, through describeEngine).
 */
export async function engineDisplayName(): Promise<string> {
  const v = (await testDocker()
    .version()
    .catch(() => undefined)) as { Components?: { Name: string }[] } | undefined
  if (!v) return 'no engine'
  return (v.Components ?? []).some((c) => /podman/i.test(c.Name)) ? 'Podman' : 'Docker Engine'
}

/**
 * What the test engine needs to push over plain HTTP to `address`, as the tests expect Berth to
 * say it: Docker's daemon.json `insecure-registries` line, or rootful Podman's registries.conf
 * entry (the test engines are rootful, on Linux). Written out here, not computed by Berth's code.
 */
export async function expectedHttpAdvice(address: string): Promise<{ where: string; snippet: string; certsDir: string }> {
  if ((await engineDisplayName()) === 'Podman') {
    return { where: '/etc/containers/registries.conf', snippet: `[[registry]]\nlocation = "${address}"\ninsecure = true`, certsDir: `/etc/containers/certs.d/${address}/ca.crt` }
  }
  return { where: '/etc/docker/daemon.json', snippet: `"insecure-registries": ["${address}"]`, certsDir: `/etc/docker/certs.d/${address}/ca.crt` }
}
