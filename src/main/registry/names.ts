// Repository names, tags and digests go into URL paths: check them against the distribution
// grammar first so a bad name is an INVALID_INPUT, never a request to some other path.
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'

const component = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*'
const repositoryRe = new RegExp(`^${component}(?:/${component})*$`)
const tagRe = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const digestRe = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/

export const isDigest = (ref: string): boolean => digestRe.test(ref)

export const isRepositoryName = (name: unknown): name is string => typeof name === 'string' && name.length <= 255 && repositoryRe.test(name)

export function checkRepository(name: string): string {
  if (!isRepositoryName(name)) {
    throw new BerthError('INVALID_INPUT', m('errors.reg.badRepository', { name: String(name).slice(0, 100) }), m('hints.reg.repositoryForm'))
  }
  return name
}

export function checkReference(ref: string): string {
  if (typeof ref !== 'string' || !(tagRe.test(ref) || digestRe.test(ref))) {
    throw new BerthError('INVALID_INPUT', m('errors.reg.badReference', { ref: String(ref).slice(0, 100) }), m('hints.reg.referenceForm'))
  }
  return ref
}

export function checkDigest(digest: string): string {
  if (typeof digest !== 'string' || !digestRe.test(digest)) {
    throw new BerthError('INVALID_INPUT', m('errors.reg.badDigest', { digest: String(digest).slice(0, 100) }), m('hints.reg.useDigest'))
  }
  return digest
}
