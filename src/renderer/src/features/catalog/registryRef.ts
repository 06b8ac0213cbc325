// What `docker pull` needs for a tag of this registry. Docker Hub gets the short familiar form.
import { DOCKER_HUB, isDockerHub } from '@shared/registryAddress'
import { familiarPath } from '@shared/reference'

export function pullReference(address: string, repository: string, tag: string): string {
  return isDockerHub(address) ? `${familiarPath({ domain: DOCKER_HUB, path: repository })}:${tag}` : `${address}/${repository}:${tag}`
}
