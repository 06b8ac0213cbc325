// Frees the socket reads a copy has already passed on, every few MB, instead of letting them pile up.
//
// Why by hand: every socket read lands in a fresh 64 KB buffer outside V8's heap, and undici hands
// a body out as views of those reads. Once a chunk has been piped on it is dead, but its memory is
// freed only when V8 collects the small object that points to it, and V8 starts that on its own only
// after such memory has grown by its external limit (~64 MB): a 1 GB copy grew the process by 40 MB
// of dead reads (docs/benchmarks.md). Neither undici nor Node's HTTP client can read a body into a
// reused buffer, and no library bounds this, so a young-generation collection (a scavenge: the dead
// reads are young, and it takes well under a millisecond) runs after every SCAVENGE_EVERY bytes
// streamed through this process, whichever copy, export or import streamed them.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export const SCAVENGE_EVERY = 8 * 1024 * 1024

export type Collect = (options: { type: 'minor'; execution: 'sync' }) => void

/** Counts bytes; every `every` of them, one young-generation collection. */
export function scavenger(every: number, collect: () => Collect | null): (bytes: number) => void {
  let sinceLast = 0
  return (bytes) => {
    sinceLast += bytes
    if (sinceLast < every) return
    sinceLast = 0
    collect()?.({ type: 'minor', execution: 'sync' })
  }
}

let collect: Collect | null | undefined

/** V8's own `gc`, made reachable once; null on a runtime that refuses the flag (V8's schedule, as before). */
export function v8Collector(): Collect | null {
  if (collect === undefined) {
    try {
      // Only contexts made after the flag is set see `gc`; the app's own globals stay as they are.
      setFlagsFromString('--expose-gc')
      collect = runInNewContext('gc') as Collect
    } catch {
      collect = null
    }
  }
  return collect
}

/** Every copy, export and import in this process counts its bytes here. */
export const streamedThrough = scavenger(SCAVENGE_EVERY, v8Collector)
