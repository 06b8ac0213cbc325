import type { ArchiveResults, Handlers } from '@shared/contract'
import { BerthError } from '@shared/contract'
import { m } from '@shared/i18n/message'
import type { Services } from '../services'
import { refuseServerPath } from './serverPaths'

export function archiveHandlers(s: Services): Pick<Handlers, keyof ArchiveResults> {
  return {
    'transfers.export': async (input) => {
      // The web mode's client is a browser: the archive goes to its downloads, never to a server path.
      if (input.path && s.options.webMode) {
        throw new BerthError('INVALID_INPUT', m('errors.archive.webNoPath'), m('hints.archive.exportWithoutPath'))
      }
      if (!input.path && !s.options.webMode) throw new BerthError('INVALID_INPUT', m('errors.archive.choosePath'), m('hints.archive.pickFile'))
      return s.transfers.export(input)
    },
    'transfers.import': async ({ path, registryId, repository }) => {
      refuseServerPath(s, m('what.web.archive'), m('hints.transfers.dropFile'))
      return s.transfers.import({ path, registryId, repository })
    },
    'archive.choosePath': async ({ defaultName, filterName }) => {
      const choose = s.options.chooseSavePath
      if (s.options.webMode || !choose) throw new BerthError('INVALID_INPUT', m('errors.archive.noSaveDialog'), m('hints.archive.browserDownloads'))
      return { path: (await choose(defaultName, filterName)) ?? null }
    }
  }
}
