// The fields many calls share (registry id, repository, tag, digest) are one schema each, in
// contract/fields.ts: every call that takes one refuses the same bad value with the same message.
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { callSchemas } from '@shared/contract'
import { digest, registryId, repository, tag } from '@shared/contract/fields'
import { issueMessage } from '@shared/contract/issueMessage'

const shared = { registryId, repository, tag, digest } as const

/** Fields of the same name that mean something else, on purpose. */
const APART: Record<string, string> = {
  // Source and target registry: the message names which one is missing.
  'copy.': 'registryId',
  // What the user typed to open a repository, which may be a whole pasted reference.
  'browse.openRepository': 'repository'
}

/** The calls whose arguments have a field of this name. */
function callsWith(field: string): [string, z.ZodObject][] {
  const apart = (name: string): boolean => Object.entries(APART).some(([prefix, f]) => f === field && name.startsWith(prefix))
  return Object.entries(callSchemas).flatMap(([name, schema]) =>
    schema instanceof z.ZodObject && field in schema.shape && !apart(name) ? [[name, schema as z.ZodObject] as [string, z.ZodObject]] : []
  )
}

describe('shared contract fields', () => {
  for (const [field, schema] of Object.entries(shared)) {
    it(`every call with a ${field} uses the one schema for it`, () => {
      const calls = callsWith(field)
      expect(calls.length).toBeGreaterThan(0)
      for (const [name, call] of calls) expect(call.shape[field], name).toBe(schema)
    })
  }

  it('says what is wrong with each, as a catalog message', () => {
    const problem = (schema: z.ZodType, value: unknown): unknown => {
      const r = schema.safeParse(value)
      return r.success ? undefined : issueMessage(r.error.issues[0]!.message)
    }
    expect(problem(registryId, '  ')).toEqual({ key: 'errors.input.registryRequired' })
    expect(problem(repository, '')).toEqual({ key: 'errors.input.repositoryRequired' })
    expect(problem(repository, 'a'.repeat(256))).toEqual({ key: 'errors.input.repositoryTooLong' })
    expect(problem(tag, 'x'.repeat(129))).toEqual({ key: 'errors.input.tagTooLong' })
    expect(problem(digest, 'sha256:short')).toEqual({ key: 'errors.input.digestShape' })
    expect(problem(digest, `sha256:${'a'.repeat(64)}`)).toBeUndefined()
    expect(problem(tag, ' 1.0 ')).toBeUndefined()
  })
})
