// Will the engine speak plain HTTP to Berth's registry? Docker does for 127.0.0.0/8 by default;
// Podman does only for locations its registries.conf marks insecure, so out of the box every push
// and pull would fail. The status says so up front, with the exact lines and file for this engine.
import type Docker from 'dockerode'
import type { LocalRegistryStatus } from '@shared/contract/localRegistry'
import { insecureRegistryAdvice } from '../transfers/daemonJson'
import { engineAllowsHttp, type EngineInsecureInfo } from '../transfers/insecure'
import { engineFacts } from '../transfers/preflight'
import { m } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

export async function plainHttpRefused(docker: Docker, address: string): Promise<LocalRegistryStatus['plainHttpRefused']> {
  const info = (await docker.info().catch(() => undefined)) as (EngineInsecureInfo & Parameters<typeof engineFacts>[0]) | undefined
  if (!info || (await engineAllowsHttp(info, address))) return undefined
  const facts = engineFacts(info, undefined)
  const advice = insecureRegistryAdvice(address, facts)
  const msg = facts.name ? m('errors.local.plainHttpRefusedBy', { engine: facts.name, address }) : m('errors.local.plainHttpRefused', { address })
  return { message: inEnglish(msg), msg, ...advice }
}
