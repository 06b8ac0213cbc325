// Retention rules per registry, in retention.json of the data directory (written atomically).
import { readFile } from 'node:fs/promises'
import type { RetentionRule } from '@shared/contract/retention'
import { writeOwnJsonFile } from '../ownJsonFile'
import { OneAtATime } from '../oneAtATime'

type FileShape = { version: 1; rules: Record<string, RetentionRule[]> }

export class RulesFile {
  private readonly queue = new OneAtATime()

  constructor(private readonly file: string) {}

  async list(registryId: string): Promise<RetentionRule[]> {
    return (await this.read()).rules[registryId] ?? []
  }

  save(registryId: string, rule: RetentionRule): Promise<RetentionRule[]> {
    return this.change(registryId, (rules) => [...rules.filter((r) => r.id !== rule.id), rule])
  }

  remove(registryId: string, ruleId: string): Promise<RetentionRule[]> {
    return this.change(registryId, (rules) => rules.filter((r) => r.id !== ruleId))
  }

  /** One change at a time: two quick saves must not lose one another. */
  private change(registryId: string, fn: (rules: RetentionRule[]) => RetentionRule[]): Promise<RetentionRule[]> {
    return this.queue.run(async () => {
      const data = await this.read()
      const next = fn(data.rules[registryId] ?? [])
      data.rules[registryId] = next
      await writeOwnJsonFile(this.file, data, 0o644)
      return next
    })
  }

  private async read(): Promise<FileShape> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as Partial<FileShape>
      return { version: 1, rules: parsed && typeof parsed.rules === 'object' && parsed.rules ? parsed.rules : {} }
    } catch {
      return { version: 1, rules: {} }
    }
  }
}
