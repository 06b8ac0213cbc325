import { EventEmitter } from 'node:events'
import type { BerthEvents, EventName } from '@shared/contract'

type AnyListener = <E extends EventName>(event: E, payload: BerthEvents[E]) => void

/** Typed main-side event bus; each transport forwards every event to its renderers. */
export class EventBus {
  private readonly emitter = new EventEmitter()

  constructor() {
    // Every open window / web client subscribes once; more than 10 is normal, not a leak.
    this.emitter.setMaxListeners(0)
  }

  emit<E extends EventName>(event: E, payload: BerthEvents[E]): void {
    this.emitter.emit('event', event, payload)
  }

  onAny(listener: AnyListener): () => void {
    this.emitter.on('event', listener)
    return () => this.emitter.off('event', listener)
  }

  on<E extends EventName>(event: E, listener: (payload: BerthEvents[E]) => void): () => void {
    const wrapped = (name: EventName, payload: unknown): void => {
      if (name === event) listener(payload as BerthEvents[E])
    }
    this.emitter.on('event', wrapped)
    return () => this.emitter.off('event', wrapped)
  }
}
