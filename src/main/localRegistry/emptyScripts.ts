// The shell scripts "Remove empty repositories" runs in a helper container over the volume, and
// what their output means. registry:2 lists a repository for as long as its folder has a
// `_manifests` directory, tags or not: only deleting that folder takes it off the catalog.
// Pure: unit-tested without an engine.
import { repositoryError } from '@shared/reference'
import { REGISTRY_DATA } from './spec'

export const REPOSITORIES_DIR = `${REGISTRY_DATA}/docker/registry/v2/repositories`

/**
 * Prints `repo NAME` for every repository, `used NAME` for those with any link under
 * `_manifests` (a tag, or a manifest revision), `busy NAME` for those with an upload under way.
 * `sort -u` keeps the output to a few lines per repository, however many links it has.
 */
export const LIST_SCRIPT = `set -e -o pipefail
cd ${REPOSITORIES_DIR} 2>/dev/null || exit 0
find . -name _layers -prune -o -name _uploads -prune -o -type d -name _manifests -print -prune | sed -e 's|^\\./|repo |' -e 's|/_manifests$||'
find . -name _layers -prune -o -name _uploads -prune -o -type f -name link -path '*/_manifests/*' -print | sed -e 's|^\\./|used |' -e 's|/_manifests/.*$||' | sort -u
find . -name _layers -prune -o -name _manifests -prune -o -path '*/_uploads/*' -print -prune | sed -e 's|^\\./|busy |' -e 's|/_uploads/.*$||' | sort -u
`

/**
 * For each repository named in $@: checks again that it is still empty (the registry is stopped
 * now), then deletes only its own `_manifests`, `_layers` and `_uploads` (a nested repository,
 * `NAME/sub`, stays) and the folders left empty above them. Any doubt keeps the folder.
 */
export const REMOVE_SCRIPT = `cd ${REPOSITORIES_DIR} 2>/dev/null || { for r in "$@"; do echo "gone $r"; done; exit 0; }
for r in "$@"; do
  if [ ! -d "$r/_manifests" ]; then echo "gone $r"; continue; fi
  links=$(find "$r/_manifests" -type f -name link) || { echo "kept $r"; continue; }
  if [ -n "$links" ]; then echo "kept $r"; continue; fi
  if [ -d "$r/_uploads" ] && [ -n "$(ls -A "$r/_uploads")" ]; then echo "kept $r"; continue; fi
  rm -rf "$r/_manifests" "$r/_layers" "$r/_uploads" || { echo "kept $r"; continue; }
  d="$r"
  while [ "$d" != "." ] && rmdir "$d" 2>/dev/null; do d=$(dirname "$d"); done
  echo "removed $r"
done
`

const isRepository = (name: string): boolean => repositoryError(name) === null

/** Lines `<word> NAME` with a valid repository name, grouped by word. */
function linesByWord(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z]+) (\S+)$/.exec(line.trim())
    if (!m || !isRepository(m[2]!)) continue
    const set = out.get(m[1]!) ?? new Set<string>()
    set.add(m[2]!)
    out.set(m[1]!, set)
  }
  return out
}

/** Empty repositories (no link under `_manifests`), and those of them with an upload under way. */
export function parseListing(text: string): { repositories: string[]; uploading: string[] } {
  const lines = linesByWord(text)
  const used = lines.get('used') ?? new Set()
  const busy = lines.get('busy') ?? new Set()
  const empty = [...(lines.get('repo') ?? [])].filter((r) => !used.has(r)).sort()
  return { repositories: empty.filter((r) => !busy.has(r)), uploading: empty.filter((r) => busy.has(r)) }
}

/** What the removal did; a name the script did not report counts as kept. */
export function parseRemoval(text: string, asked: string[]): { removed: string[]; kept: string[] } {
  const removed = linesByWord(text).get('removed') ?? new Set()
  return { removed: asked.filter((r) => removed.has(r)), kept: asked.filter((r) => !removed.has(r)) }
}

/** Names in batches whose total length stays well under the kernel's limit on a command line. */
export function argumentBatches(names: string[], maxBytes = 64 * 1024): string[][] {
  const batches: string[][] = []
  let current: string[] = []
  let size = 0
  for (const n of names) {
    if (current.length > 0 && size + n.length + 1 > maxBytes) {
      batches.push(current)
      current = []
      size = 0
    }
    current.push(n)
    size += n.length + 1
  }
  if (current.length > 0) batches.push(current)
  return batches
}

/** How to do it by hand when the registry image has no shell. */
export function manualCommands(containerName: string, volumeName: string): string {
  return [
    `docker stop ${containerName}`,
    `docker run --rm -v ${volumeName}:${REGISTRY_DATA} busybox sh -c 'cd ${REPOSITORIES_DIR} && rm -rf NAME/_manifests NAME/_layers NAME/_uploads'`,
    `docker start ${containerName}`
  ].join('\n')
}
