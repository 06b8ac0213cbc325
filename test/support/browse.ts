// One tag deleted the way the UI asks for it (browse.deleteTags with one target), its failure
// thrown as the BerthError it carries: what the integration tests of deletes want to assert on.
import { BerthError } from '@shared/contract/errors'
import type { DeleteMode } from '@shared/contract/browse'
import type { BrowseService } from '../../src/main/browse'

export async function deleteOneTag(browse: BrowseService, registryId: string, repository: string, tag: string, digest: string, mode: DeleteMode = 'tag'): Promise<{ digest: string; deleted: string[]; managed: boolean }> {
  const r = await browse.deleteTags(registryId, repository, [{ tag, digest }], mode)
  const failure = r.failed[0]
  if (failure) throw new BerthError(failure.code, failure.message, failure.hint)
  return { digest, deleted: r.deleted, managed: r.managed ?? false }
}
