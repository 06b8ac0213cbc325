// Counts the bytes of an archive on their way into the engine's load API. The engine reads
// the whole tar before it reports anything, so for a load this is the progress the user sees.
import { Transform } from 'node:stream'
import { RateMeter, type Clock } from '../engine/progress'

export class UploadMeter {
  done = 0
  /** Announced size (file size or Content-Length); 0 when unknown. */
  total: number
  /** Every byte was handed to the engine. */
  finished = false
  private readonly rate: RateMeter

  constructor(total: number | undefined, clock?: Clock) {
    this.total = total && Number.isFinite(total) && total > 0 ? total : 0
    this.rate = new RateMeter({ clock })
    this.rate.record(0)
  }

  speed(): number {
    return this.finished ? 0 : this.rate.speed()
  }

  /** A pass-through that counts and calls onBytes after each chunk. */
  counter(onBytes: () => void): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.done += chunk.length
        this.rate.record(this.done)
        onBytes()
        callback(null, chunk)
      },
      flush: (callback) => {
        this.finished = true
        callback()
      }
    })
  }
}
