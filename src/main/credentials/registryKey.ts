// One spelling per registry, so "https://index.docker.io/v1/", "docker.io" and
// "registry-1.docker.io" find the same credentials, and "localhost:5000" matches
// "http://localhost:5000/v2/" in a config file someone wrote by hand.

/** Docker Hub's key in config.json and the server URL its credential helpers expect. */
export const DOCKER_HUB_SERVER = 'https://index.docker.io/v1/'
export const DOCKER_HUB = 'docker.io'

const HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'hub.docker.com'])

/** host[:port], lower-cased, without scheme or path; Docker Hub's aliases become "docker.io". */
export function registryKey(registry: string): string {
  const host = registry
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split('/')[0]
    .toLowerCase()
  return HUB_ALIASES.has(host) ? DOCKER_HUB : host
}

export function isDockerHub(registry: string): boolean {
  return registryKey(registry) === DOCKER_HUB
}

/** What `docker login` would pass to a credential helper for this registry. */
export function helperServerUrl(registry: string): string {
  return isDockerHub(registry) ? DOCKER_HUB_SERVER : registryKey(registry)
}
