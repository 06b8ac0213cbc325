// Follows the engine's events for Berth's registry container, so a stop or start made outside
// Berth (docker stop, a reboot, the restart policy) reaches the sidebar without polling.
import type Docker from 'dockerode'

export class ContainerWatcher {
  private abort: AbortController | undefined
  private filter = ''
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly onChange: () => void,
    private readonly debounceMs = 300
  ) {}

  /** Subscribes when not yet (or no longer) subscribed; cheap to call on every status read. */
  ensure(docker: Docker, label: string): void {
    if (this.abort && this.filter === label) return
    this.stop()
    const abort = new AbortController()
    this.abort = abort
    this.filter = label
    const lost = (): void => {
      // Next ensure() subscribes again (the engine may have restarted).
      if (this.abort === abort) this.abort = undefined
    }
    docker
      .getEvents({ filters: { type: ['container'], label: [label] }, abortSignal: abort.signal } as Parameters<Docker['getEvents']>[0])
      .then((stream) => {
        if (abort.signal.aborted) {
          ;(stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.()
          return
        }
        stream.on('data', () => this.changed())
        stream.on('error', lost)
        stream.on('end', lost)
        stream.on('close', lost)
      })
      .catch(lost)
  }

  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.abort?.abort()
    this.abort = undefined
  }

  private changed(): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.onChange(), this.debounceMs)
    this.timer.unref()
  }
}
