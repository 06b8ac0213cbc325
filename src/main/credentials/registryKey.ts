// One spelling per registry, so "https://index.docker.io/v1/", "docker.io" and
// "registry-1.docker.io" find the same credentials, and "localhost:5000" matches
// "http://localhost:5000/v2/" in a config file someone wrote by hand. The rule itself is shared
// with the renderer (src/shared/registryAddress.ts).
import { DOCKER_HUB_SERVER, isDockerHub, registryKey } from '@shared/registryAddress'

export { DOCKER_HUB, DOCKER_HUB_SERVER, isDockerHub, registryKey } from '@shared/registryAddress'

/** What `docker login` would pass to a credential helper for this registry. */
export function helperServerUrl(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_SERVER : registryKey(registry)
}
