// Runs a Docker credential helper (`docker-credential-<name> get`, server URL on stdin,
// JSON {ServerURL, Username, Secret} on stdout). A missing helper or "credentials not found"
// is an ordinary answer, not a crash: the registry may simply need no login.
import { spawn } from 'node:child_process'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { DockerCredentials } from './dockerConfig'

export type HelperResult =
  | { status: 'found'; credentials: DockerCredentials; serverUrl?: string }
  | { status: 'not-found' }
  /** No `docker-credential-<name>` on the search path. */
  | { status: 'missing'; command: string }
  | { status: 'error'; message: string }

export interface HelperOptions {
  /** Environment for the child (PATH is used to find the helper); default process.env. */
  env?: NodeJS.ProcessEnv
  /** Killed after this long; keychain helpers may wait for an unlock prompt. Default 15 s. */
  timeoutMs?: number
  /** Add the usual install folders to PATH (an app started from the Dock has a minimal PATH). Default true. */
  extendPath?: boolean
}

const MAX_OUTPUT = 1024 * 1024
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

export async function helperGet(helper: string, serverUrl: string, options: HelperOptions = {}): Promise<HelperResult> {
  if (!NAME.test(helper)) return { status: 'error', message: `"${helper}" is not a valid credential helper name` }
  const command = `docker-credential-${helper}`
  const env = { ...(options.env ?? process.env) }
  if (options.extendPath !== false) env.PATH = helperSearchPath(env.PATH, process.platform, homedir())
  const run = await runHelper(command, ['get'], serverUrl, env, options.timeoutMs ?? 15_000)
  if (run.kind === 'missing') return { status: 'missing', command }
  if (run.kind === 'failed') return { status: 'error', message: `${command} failed: ${run.message}` }
  const output = `${run.stdout}\n${run.stderr}`
  if (run.code !== 0) {
    if (/credentials not found|no credentials|not found in (?:native )?keychain/i.test(output)) return { status: 'not-found' }
    const text = (run.stdout.trim() || run.stderr.trim()).slice(0, 300)
    return { status: 'error', message: `${command} exited with code ${run.code}${text ? `: ${text}` : ''}` }
  }
  return parseHelperOutput(command, run.stdout)
}

export function parseHelperOutput(command: string, stdout: string): HelperResult {
  let parsed: unknown
  try {
    parsed = JSON.parse(stdout)
  } catch {
    return { status: 'error', message: `${command} printed something that is not JSON` }
  }
  if (typeof parsed !== 'object' || parsed === null) return { status: 'error', message: `${command} printed an unexpected answer` }
  const { ServerURL, Username, Secret } = parsed as { ServerURL?: unknown; Username?: unknown; Secret?: unknown }
  if (typeof Secret !== 'string' || !Secret) return { status: 'not-found' }
  const serverUrl = typeof ServerURL === 'string' ? ServerURL : undefined
  // The CLI stores identity tokens (OAuth refresh tokens) with this placeholder user name.
  if (Username === '<token>') return { status: 'found', credentials: { identitytoken: Secret }, serverUrl }
  if (typeof Username !== 'string' || !Username) return { status: 'error', message: `${command} returned a secret without a user name` }
  return { status: 'found', credentials: { username: Username, password: Secret }, serverUrl }
}

/** PATH plus the folders Docker Desktop and package managers install helpers to, deduplicated. */
export function helperSearchPath(path: string | undefined, platform: NodeJS.Platform, home: string): string {
  const extra =
    platform === 'darwin'
      ? ['/usr/local/bin', '/opt/homebrew/bin', join(home, '.docker', 'bin'), '/Applications/Docker.app/Contents/Resources/bin']
      : platform === 'win32'
        ? [join(process.env.ProgramFiles ?? 'C:\\Program Files', 'Docker', 'Docker', 'resources', 'bin')]
        : ['/usr/local/bin', '/usr/bin', join(home, '.docker', 'bin')]
  const parts = (path ?? '').split(delimiter).filter(Boolean)
  for (const dir of extra) if (!parts.includes(dir)) parts.push(dir)
  return parts.join(delimiter)
}

type RunResult =
  | { kind: 'exited'; code: number | null; stdout: string; stderr: string }
  | { kind: 'missing' }
  | { kind: 'failed'; message: string }

function runHelper(command: string, args: string[], input: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    let child: ReturnType<typeof spawn>
    try {
      child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true })
    } catch (err) {
      resolve({ kind: 'failed', message: (err as Error).message })
      return
    }
    let settled = false
    const finish = (r: RunResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(r)
    }
    // Every path to finish() is asynchronous, so timer is always initialised by then.
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      finish({ kind: 'failed', message: `no answer within ${Math.round(timeoutMs / 1000)} s` })
    }, timeoutMs)
    const out: Buffer[] = []
    const errOut: Buffer[] = []
    let size = 0
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_OUTPUT) {
        child.kill('SIGKILL')
        finish({ kind: 'failed', message: 'it printed too much output' })
        return
      }
      into.push(chunk)
    }
    child.stdout?.on('data', collect(out))
    child.stderr?.on('data', collect(errOut))
    child.on('error', (err: NodeJS.ErrnoException) => {
      finish(err.code === 'ENOENT' ? { kind: 'missing' } : { kind: 'failed', message: err.message })
    })
    child.on('close', (code) => {
      finish({ kind: 'exited', code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8') })
    })
    // A helper that exits before reading stdin makes the write fail with EPIPE: not our error.
    child.stdin?.on('error', () => {})
    child.stdin?.end(input)
  })
}
