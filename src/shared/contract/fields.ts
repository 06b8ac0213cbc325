// Contract fields several calls share, each with one wording per problem, validated before any
// handler runs; image references and IDs end up in the engine's URL paths.
import { z } from 'zod'
import { imageRefProblem } from '../engineInput'
import { repositoryError, tagError } from '../reference'
import { checkedString } from './checkedString'
import { isValidPort, MAX_PORT, MIN_PORT } from '../port'
import { said } from './issueMessage'
import { m, type Msg } from '../i18n/message'

/** An image ID (`sha256:` optional, 12–64 hex digits) or a reference that passes parseReference. */
export function imageRefField(required: Msg): z.ZodType<string, string> {
  return z
    .string()
    .trim()
    .min(1, said(required))
    .max(1000, said(m('errors.input.imageRefTooLong')))
    .superRefine((value, ctx) => {
      const problem = imageRefProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: typeof problem === 'string' ? problem : said(problem) })
    })
}

/** The id of a registry in Berth's list (a registry page, a delete, a measure…). */
export const registryId = z.string().trim().min(1, said(m('errors.input.registryRequired')))
/** A repository path in a registry; the registry answers for the grammar (it may be a mirror's). */
export const repository = z.string().trim().min(1, said(m('errors.input.repositoryRequired'))).max(255, said(m('errors.input.repositoryTooLong')))
export const tag = z.string().trim().min(1, said(m('errors.input.tagRequired'))).max(128, said(m('errors.input.tagTooLong')))
/** algorithm:encoded, as go-digest accepts it (the registry checks the algorithm). */
export const digest = z.string().trim().regex(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/, said(m('errors.input.digestShape')))

/** A registry picked in a form (copy, export, import): the message asks to choose one. */
export const chosenRegistryId = z.string().trim().min(1, said(m('errors.input.copy.registry')))
/** A repository or tag typed in a form: the reference grammar says where it is wrong, as the form does. */
export const typedRepository = checkedString(repositoryError)
export const typedTag = checkedString(tagError)

/** A host port Berth publishes a registry on (local registry, Docker Hub cache). */
export const hostPort = z.number().refine(isValidPort, said(m('errors.input.port', { min: MIN_PORT, max: MAX_PORT })))

/** A Basic auth user name: htpasswd and the Authorization header split on ':'. */
export const basicAuthUser = z
  .string()
  .trim()
  .min(1, said(m('errors.input.usernameRequired')))
  .max(128, said(m('errors.input.usernameTooLong')))
  .regex(/^[^:\s]+$/, said(m('errors.input.usernameChars')))
