// How the docker CLI names a context's folders (contexts/meta/<id>, contexts/tls/<id>): the hex
// sha256 of the context's name. Berth reads whatever folders are there; tests lay them out.
import { createHash } from 'node:crypto'

export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex')
}
