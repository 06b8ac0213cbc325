import { BerthError, callSchemas, type CallName, type Handlers, type Result } from '@shared/contract'
import { clip } from '@shared/engineInput'
import { publicError } from './publicError'
import { m } from '@shared/i18n/message'
import { issueMessage } from '@shared/contract/issueMessage'

export type Dispatch = (name: unknown, args: unknown) => Promise<Result<unknown>>

/**
 * The single entry for every call from a renderer, whatever the transport: checks the call
 * exists, validates its argument against the contract's schema, runs it and wraps the outcome.
 */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (name, args) => {
    try {
      if (typeof name !== 'string' || !Object.hasOwn(callSchemas, name)) {
        throw new BerthError('INVALID_INPUT', m('errors.unknownCall', { name: clip(JSON.stringify(name) ?? String(name)) }))
      }
      const call = name as CallName
      const parsed = callSchemas[call].safeParse(args ?? undefined)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        // The schema's rule (a catalog message, or zod's own English words); the field path says where.
        const reason = issue ? issueMessage(issue.message) : m('errors.invalidInput')
        const message = issue?.path.length ? m('errors.invalidField', { reason, field: clip(issue.path.join('.')) }) : m('errors.invalidValue', { reason })
        throw new BerthError('INVALID_INPUT', message, m('hints.correctValue'))
      }
      const handler = handlers[call] as (a: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (e) {
      return { ok: false, error: publicError(e, typeof name === 'string' ? name : 'a call') }
    }
  }
}
