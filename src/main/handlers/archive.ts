import type { ArchiveResults, Handlers } from '@shared/contract'
import { BerthError } from '@shared/contract'
import type { Services } from '../services'
import { refuseServerPath } from './serverPaths'

export function archiveHandlers(s: Services): Pick<Handlers, keyof ArchiveResults> {
  return {
    'transfers.export': async (input) => {
      // The web mode's client is a browser: the archive goes to its downloads, never to a server path.
      if (input.path && s.options.webMode) {
        throw new BerthError('INVALID_INPUT', 'In the web mode Berth writes no archive to a path on the server: the browser downloads it.', 'Use Export… again without a path.')
      }
      if (!input.path && !s.options.webMode) throw new BerthError('INVALID_INPUT', 'Choose where to save the archive.', 'Use Export… again and pick a file.')
      return s.transfers.export(input)
    },
    'transfers.import': async ({ path, registryId, repository }) => {
      refuseServerPath(s, 'an archive', 'Drop the file onto the window.')
      return s.transfers.import({ path, registryId, repository })
    },
    'archive.choosePath': async ({ defaultName }) => {
      const choose = s.options.chooseSavePath
      if (s.options.webMode || !choose) throw new BerthError('INVALID_INPUT', 'There is no save dialog here.', 'The browser downloads the archive instead.')
      return { path: (await choose(defaultName)) ?? null }
    }
  }
}
