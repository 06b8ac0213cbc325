// What people type into "Open repository": `team/app`, `team/app:1.2`, or a whole pasted
// reference such as `registry.example.com/team/app:1.2` or `docker pull …`. The registry part
// must be this registry's; on Docker Hub a single name means an official image (library/x).
import { BerthError } from '@shared/contract/errors'
import { splitRepositoryTag } from '@shared/reference'
import { isDockerHub, registryKey } from '../credentials/registryKey'
import { m } from '@shared/i18n/message'

export interface RepositoryInput {
  repository: string
  tag?: string
}

export function parseRepositoryInput(input: string, registryAddress: string): RepositoryInput {
  const text = input.trim().replace(/^docker\s+pull\s+/i, '').replace(/^[a-z]+:\/\//i, '')
  const { repository: named, tag } = splitRepositoryTag(text)
  let repository = named.replace(/^\/+|\/+$/g, '')
  const parts = repository.split('/')
  // Like docker: a first component with '.' or ':' (or "localhost") is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) {
    const host = parts[0]
    if (registryKey(host) !== registryKey(registryAddress)) {
      throw new BerthError('INVALID_INPUT', m('errors.browse.otherRegistry', { host, address: registryAddress }), m('hints.browse.pathOnly', { host }))
    }
    repository = parts.slice(1).join('/')
  }
  if (isDockerHub(registryAddress) && repository && !repository.includes('/')) repository = `library/${repository}`
  return tag ? { repository, tag } : { repository }
}
