// The fields many calls share (registry id, repository, tag, digest) are one schema each, in
// contract/fields.ts: every call that takes one, at any depth, uses that schema, so it refuses the
// same bad value with the same message. A form's fields (copy, export, import) are their own pair.
import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { callSchemas } from '@shared/contract'
import { chosenRegistryId, digest, registryId, repository, tag, typedRepository, typedTag } from '@shared/contract/fields'
import { issueMessage } from '@shared/contract/issueMessage'

/** The schemas a field of this name may be. */
const SHARED: Record<string, z.ZodType[]> = {
  registryId: [registryId, chosenRegistryId],
  repository: [repository, typedRepository],
  tag: [tag, typedTag],
  digest: [digest]
}

/** Fields of the same name that mean something else, on purpose. */
const APART = new Set([
  // What the user typed to open a repository, which may be a whole pasted reference.
  'browse.openRepository repository'
])

/** Every field named as a shared one, at any depth of a call's arguments, with where it is. */
function sharedFields(schema: z.ZodType, where: string, out: { where: string; field: string; schema: z.ZodType }[] = []): typeof out {
  if (schema instanceof z.ZodObject) {
    for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      if (key in SHARED) out.push({ where: `${where}.${key}`, field: key, schema: unwrap(value) })
      sharedFields(value, `${where}.${key}`, out)
    }
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
    sharedFields(schema.unwrap() as z.ZodType, where, out)
  } else if (schema instanceof z.ZodArray) {
    sharedFields(schema.element as z.ZodType, `${where}[]`, out)
  } else if (schema instanceof z.ZodUnion) {
    for (const option of schema.options as z.ZodType[]) sharedFields(option, where, out)
  }
  return out
}

function unwrap(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodOptional || schema instanceof z.ZodDefault ? unwrap(schema.unwrap() as z.ZodType) : schema
}

describe('shared contract fields', () => {
  it('every call takes a registry id, repository, tag or digest through the one schema for it', () => {
    const found = Object.entries(callSchemas).flatMap(([name, schema]) => sharedFields(schema as z.ZodType, name))
    const checked = found.filter((f) => !APART.has(`${f.where.split('.')[0]}.${f.where.split('.')[1]} ${f.field}`))
    // The calls of browse, catalog, space, retention, copy and archive, at least.
    expect(checked.length).toBeGreaterThan(20)
    for (const f of checked) expect(SHARED[f.field]!.includes(f.schema), f.where).toBe(true)
    // And a nested one is seen: the copy's source and target.
    expect(checked.map((f) => f.where)).toContain('transfers.copy.from.registryId')
  })

  it('says what is wrong with each, as a catalog message', () => {
    const problem = (schema: z.ZodType, value: unknown): unknown => {
      const r = schema.safeParse(value)
      return r.success ? undefined : issueMessage(r.error.issues[0]!.message)
    }
    expect(problem(registryId, '  ')).toEqual({ key: 'errors.input.registryRequired' })
    expect(problem(chosenRegistryId, '')).toEqual({ key: 'errors.input.copy.registry' })
    expect(problem(repository, '')).toEqual({ key: 'errors.input.repositoryRequired' })
    expect(problem(repository, 'a'.repeat(256))).toEqual({ key: 'errors.input.repositoryTooLong' })
    expect(problem(tag, 'x'.repeat(129))).toEqual({ key: 'errors.input.tagTooLong' })
    expect(problem(digest, 'sha256:short')).toEqual({ key: 'errors.input.digestShape' })
    expect(problem(digest, `sha256:${'a'.repeat(64)}`)).toBeUndefined()
    expect(problem(tag, ' 1.0 ')).toBeUndefined()
    expect(problem(typedTag, '.bad')).toMatchObject({ key: 'errors.ref.tagStart' })
  })
})
