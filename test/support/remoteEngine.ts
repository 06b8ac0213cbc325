// A second Docker engine that is "another machine" for Berth: dockerd in a network namespace this
// test creates (a veth pair, 10.214.X.0/30), with its own data root, reached over TCP only at the
// namespace's address. Its 127.0.0.1 is not ours, which is what remote-engine code must handle.
// Needs root, `ip` (iproute2), `nsenter` and dockerd; stopped by its PID, namespace deleted.
import { execFileSync, spawn } from 'node:child_process'
import { randomInt } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Docker from 'dockerode'
import { describe } from 'vitest'
import { isCI } from './engine'

export interface RemoteEngine {
  /** The namespace's address: the engine's host as Berth sees it. */
  host: string
  dockerHost: string
  docker: Docker
  stop(): Promise<void>
}

/** Why a remote engine cannot be made here, or null. */
export function remoteEngineProblem(): string | null {
  if (process.getuid?.() !== 0) return 'a network namespace needs root'
  for (const tool of ['/usr/sbin/ip', '/usr/bin/nsenter', '/usr/sbin/dockerd']) if (!existsSync(tool)) return `${tool} is missing (apt-get install iproute2 docker.io)`
  return null
}

const problem = remoteEngineProblem()

/** describe() for tests that need the second engine: skipped with the reason, a failure under CI=true. */
export function describeRemote(name: string, body: () => void): void {
  if (problem && isCI) throw new Error(`CI=true and ${problem}`)
  if (problem) console.warn(`[skipping remote-engine tests] ${problem}`)
  ;(problem ? describe.skip : describe)(name, body)
}

const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' })

export async function startRemoteEngine(): Promise<RemoteEngine> {
  const id = randomInt(0, 0xffff).toString(16).padStart(4, '0')
  const subnet = randomInt(1, 255)
  const ns = `berth-re-${id}`
  const [hostIf, nsIf] = [`bre${id}h`, `bre${id}n`]
  const [ourAddr, host] = [`10.214.${subnet}.1`, `10.214.${subnet}.2`]
  const dir = mkdtempSync(join(tmpdir(), 'berth-remote-engine-'))
  ip('netns', 'add', ns)
  let pid: number | undefined
  const cleanup = async (): Promise<void> => {
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGTERM')
      } catch {
        /* already gone */
      }
      for (let i = 0; i < 60 && alive(pid); i++) await new Promise((r) => setTimeout(r, 250))
      if (alive(pid)) process.kill(pid, 'SIGKILL')
    }
    try {
      ip('netns', 'del', ns) // takes the veth pair with it
    } catch {
      /* never created */
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 })
  }
  try {
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf)
    ip('link', 'set', nsIf, 'netns', ns)
    ip('addr', 'add', `${ourAddr}/30`, 'dev', hostIf)
    ip('link', 'set', hostIf, 'up')
    ip('-n', ns, 'addr', 'add', `${host}/30`, 'dev', nsIf)
    ip('-n', ns, 'link', 'set', nsIf, 'up')
    ip('-n', ns, 'link', 'set', 'lo', 'up')
    // nsenter, not `ip netns exec`: that one also remounts /sys, and dockerd then finds no cgroups.
    const child = spawn(
      'nsenter',
      [`--net=/var/run/netns/${ns}`, 'dockerd', '--host', `tcp://${host}:2375`, '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', join(dir, 'dockerd.pid')],
      { detached: true, stdio: 'ignore' }
    )
    child.unref()
    pid = child.pid
    const docker = new Docker({ protocol: 'http', host, port: 2375 })
    await waitFor(() => docker.ping().then(() => true, () => false), 60_000, `dockerd in ${ns} did not answer at ${host}:2375`)
    // The registry image, built there from Debian's binary, as scripts/test-engine.sh does.
    execFileSync('bash', [resolve(__dirname, '../../scripts/build-registry-image.sh')], { env: { ...process.env, DOCKER_HOST: `tcp://${host}:2375` }, stdio: 'pipe' })
    return { host, dockerHost: `tcp://${host}:2375`, docker, stop: cleanup }
  } catch (e) {
    await cleanup()
    throw e
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error(message)
    await new Promise((r) => setTimeout(r, 250))
  }
}
