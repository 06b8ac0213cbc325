// What `docker pull` needs for a tag of this registry. Docker Hub gets the short familiar form.
const HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com'])

export function pullReference(address: string, repository: string, tag: string): string {
  if (HUB.has(address.toLowerCase())) {
    const name = repository.startsWith('library/') && !repository.slice(8).includes('/') ? repository.slice(8) : repository
    return `${name}:${tag}`
  }
  return `${address}/${repository}:${tag}`
}
