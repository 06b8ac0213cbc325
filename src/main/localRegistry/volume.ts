// Disk used by the registry's volume, from the engine's own accounting (`docker system df -v`):
// works on every engine and platform, unlike walking the files in a helper container.
import type Docker from 'dockerode'
import { daemonMessage, statusCodeOf } from '../engine/engineErrors'
import { isListRace } from '../engine/listRace'

interface DfVolume {
  Name: string
  UsageData?: { Size?: number; RefCount?: number } | null
}

/**
 * Bytes, or undefined when the engine does not know (volume missing, size not computed).
 * `fresh`: measured after this call (not a walk that began earlier), for before/after numbers.
 */
export async function volumeSize(docker: Docker, name: string, fresh = false): Promise<number | undefined> {
  const df = await diskUsage(docker, fresh)
  const size = df.Volumes?.find((v) => v.Name === name)?.UsageData?.Size
  return typeof size === 'number' && size >= 0 ? size : undefined
}

interface DiskUsage {
  Volumes?: DfVolume[] | null
}

// Older engines (20.10) refuse a second disk-usage call while one runs instead of sharing it:
// share one call per client here, and wait out calls made by others (the CLI, another Berth).
const inFlight = new WeakMap<Docker, Promise<DiskUsage>>()

function diskUsage(docker: Docker, fresh: boolean): Promise<DiskUsage> {
  let p = inFlight.get(docker)
  // A walk under way may predate what the caller just changed: let it end, then join the next.
  if (p && fresh) return p.catch(() => undefined).then(() => diskUsage(docker, false))
  if (!p) {
    p = diskUsageWithRetry(docker).finally(() => inFlight.delete(docker))
    inFlight.set(docker, p)
  }
  return p
}

// A walk over big volumes (someone else's, too) can take a minute: wait for it rather than fail.
const BUSY_WAIT_MS = 180_000

/** Worth asking again: another walk runs (older engines), or a Podman list race (engine/listRace.ts). */
function dfWorthRetrying(e: unknown): boolean {
  return /already running/i.test(daemonMessage(e)) || isListRace(e)
}

async function diskUsageWithRetry(docker: Docker): Promise<DiskUsage> {
  const deadline = Date.now() + BUSY_WAIT_MS
  for (;;) {
    try {
      return await dialDf(docker)
    } catch (e) {
      if (!dfWorthRetrying(e) || Date.now() > deadline) throw e
      await new Promise((r) => setTimeout(r, 500))
    }
  }
}

function dialDf(docker: Docker): Promise<DiskUsage> {
  // type=volume (API 1.42+) spares newer engines from sizing every image; older ones ignore it.
  return new Promise<DiskUsage>((resolve, reject) => {
    docker.modem.dial(
      { path: '/system/df?', method: 'GET', options: { type: 'volume' }, statusCodes: { 200: true, 500: 'server error' } },
      (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as DiskUsage))
    )
  })
}

export async function volumeExists(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getVolume(name).inspect()
    return true
  } catch (e) {
    if (statusCodeOf(e) === 404) return false
    throw e
  }
}
