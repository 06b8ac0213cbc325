// Where the registry really runs. On a remote engine (DOCKER_HOST=tcp://… or ssh://…, or such a
// context) "127.0.0.1:PORT" is the engine host's loopback, not this machine's: Berth cannot test
// it from here. So the engine itself is asked: a pull of a tag that cannot exist makes the
// engine call GET /v2/ on its own 127.0.0.1. "manifest unknown" (or a login or HTTPS demand)
// means the registry answered; "connection refused" means it did not. Nothing is created.
import type Docker from 'dockerode'
import { consumeDaemonStream } from '../engine/progress/stream'
import { daemonMessage } from '../engine/engineErrors'

const PROBE_REPOSITORY = 'berth-readiness-probe'
const PROBE_TAG = 'absent-by-design'

/** The registry answered the engine, however it answered. */
const ANSWERED = /manifest unknown|not found|unauthorized|authentication required|no basic auth|denied|HTTP response to HTTPS client|name unknown/i

/** True when the engine reaches a registry at `address` (host:port on the engine's side). */
export async function engineReachesRegistry(docker: Docker, address: string, timeoutMs = 5000): Promise<boolean> {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), timeoutMs)
  try {
    let failure = ''
    const stream = (await docker.pull(`${address}/${PROBE_REPOSITORY}:${PROBE_TAG}`, { abortSignal: abort.signal })) as NodeJS.ReadableStream
    await consumeDaemonStream(
      stream,
      (event) => {
        failure ||= event.errorDetail?.message ?? event.error ?? ''
      },
      { signal: abort.signal }
    )
    return ANSWERED.test(failure)
  } catch (e) {
    return ANSWERED.test(daemonMessage(e))
  } finally {
    clearTimeout(timer)
  }
}

/** Polls the engine-side check until it answers, the container stops, or time runs out. */
export async function waitEngineSide(
  docker: Docker,
  address: string,
  opts: { timeoutMs: number; stillRunning?: () => Promise<boolean> }
): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + opts.timeoutMs
  for (;;) {
    if (await engineReachesRegistry(docker, address)) return 'ready'
    if (opts.stillRunning && !(await opts.stillRunning())) return 'exited'
    if (Date.now() >= deadline) return 'timeout'
    await new Promise((r) => setTimeout(r, 300))
  }
}
