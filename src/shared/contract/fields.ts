// Contract fields that end up in the engine's URL paths: validated here, before any handler runs.
import { z } from 'zod'
import { imageRefProblem } from '../engineInput'

/** An image ID (`sha256:` optional, 12–64 hex digits) or a reference that passes parseReference. */
export function imageRefField(required: string): z.ZodType<string, string> {
  return z
    .string()
    .trim()
    .min(1, required)
    .max(1000, 'An image ID or reference has at most 1000 characters')
    .superRefine((value, ctx) => {
      const problem = imageRefProblem(value)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
}
