// Contract fields that end up in the engine's URL paths: validated here, before any handler runs.
import { z } from 'zod'
import { imageRefProblem } from '../engineInput'
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
