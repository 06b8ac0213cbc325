import { mkdirSync } from 'node:fs'
import { EngineConnection } from './engine/connection'
import type { Endpoint } from './engine/endpoints'
import { ImageService } from './engine/images'
import { EventBus } from './events'

export interface ServicesOptions {
  /** Where Berth keeps its settings (Electron: userData; web mode: --data-dir). */
  dataDir: string
  /** Override engine discovery (tests); default: DOCKER_HOST or the usual sockets. */
  endpoints?: Endpoint[]
  /** True in the web mode (no Electron safeStorage; secrets go to a 0600 file). */
  webMode?: boolean
}

/** Every backend service, built once; the Electron IPC binding and the web server both bind to it. */
export interface Services {
  readonly options: ServicesOptions
  readonly events: EventBus
  readonly engine: EngineConnection
  readonly images: ImageService
  dispose(): Promise<void>
}

export function createServices(options: ServicesOptions): Services {
  mkdirSync(options.dataDir, { recursive: true })
  const events = new EventBus()
  const engine = new EngineConnection({ endpoints: options.endpoints, onStatus: (s) => events.emit('engine.status', s) })
  const docker = (): ReturnType<EngineConnection['docker']> => engine.docker()
  const images = new ImageService(docker, (reason) => events.emit('images.changed', { reason }))
  engine.start()
  return {
    options,
    events,
    engine,
    images,
    async dispose() {
      engine.stop()
    }
  }
}
