// The whole backend as both transports see it (services + dispatch) on a fresh data dir, with the
// test engine and no Docker config of the developer's: for integration tests that call the contract.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CallResults } from '@shared/contract'
import { createDispatch } from '../../src/main/dispatch'
import type { Endpoint } from '../../src/main/engine/endpoints'
import { createHandlers } from '../../src/main/handlers'
import { createServices, type Services } from '../../src/main/services'
import { testEndpoint } from './engine'

export type Call = <K extends keyof CallResults>(name: K, args?: unknown) => Promise<CallResults[K]>

export interface TestBackend {
  services: Services
  /** A contract call; a failure rejects with the error's code, message, hint and details. */
  call: Call
  dataDir: string
  close(): Promise<void>
}

/** `endpoints`: the engines Berth knows (default: the test engine alone), the first one in use. */
export async function startBackend(name: string, opts: { endpoints?: Endpoint[] } = {}): Promise<TestBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), `berth-it-${name}-`))
  process.env.DOCKER_CONFIG = join(dataDir, 'docker-config')
  const services = createServices({ dataDir, endpoints: opts.endpoints ?? [testEndpoint()], webMode: true })
  await services.engine.check()
  const dispatch = createDispatch(createHandlers(services))
  const call: Call = async (callName, args) => {
    const r = await dispatch(callName, args)
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error)
    return r.value as never
  }
  return {
    services,
    call,
    dataDir,
    async close() {
      await services.dispose()
      rmSync(dataDir, { recursive: true, force: true })
      delete process.env.DOCKER_CONFIG
    }
  }
}
