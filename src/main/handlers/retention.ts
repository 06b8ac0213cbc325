import type { Handlers, RetentionResults } from '@shared/contract'
import type { Services } from '../services'

export function retentionHandlers(s: Services): Pick<Handlers, keyof RetentionResults> {
  return {
    'retention.rules': ({ registryId }) => s.retention.list(registryId),
    'retention.saveRule': ({ registryId, rule }) => s.retention.save(registryId, rule),
    'retention.removeRule': ({ registryId, ruleId }) => s.retention.remove(registryId, ruleId),
    'retention.preview': ({ registryId, rule }) => s.retention.preview(registryId, rule),
    'retention.apply': ({ registryId, plan }) => s.retention.apply(registryId, plan)
  }
}
