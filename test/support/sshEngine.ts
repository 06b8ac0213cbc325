// An ssh:// engine for tests: an sshd of the test's own on a loopback port, its host key, login
// key, authorized_keys and config all in a temp dir, whose sessions run `docker system
// dial-stdio` against the engine the test names (SetEnv DOCKER_HOST). Berth gets a home folder
// of its own with `.ssh/id_ed25519` and `.ssh/known_hosts`, so the user's ~/.ssh and the system's
// sshd are never read or touched. Needs root, sshd (apt openssh-server), ssh-keygen and docker.
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe } from 'vitest'
import { isCI } from './engine'
import { freePort } from './http'

const SSHD = '/usr/sbin/sshd'

export interface SshEngine {
  /** ssh://root@127.0.0.1:PORT */
  url: string
  /** The home folder Berth reads `.ssh/` from. */
  home: string
  stop(): Promise<void>
}

export function sshEngineProblem(): string | null {
  if (process.getuid?.() !== 0) return 'sshd needs root to log in as root'
  for (const tool of [SSHD, '/usr/bin/ssh-keygen', '/usr/bin/docker']) if (!existsSync(tool)) return `${tool} is missing (apt-get install openssh-server docker.io)`
  return null
}

/** describe() for tests that need the ssh engine: skipped with the reason, a failure under CI=true. */
export function describeSsh(name: string, body: () => void): void {
  const problem = sshEngineProblem()
  if (problem && isCI) throw new Error(`CI=true and ${problem}`)
  if (problem) console.warn(`[skipping ssh engine tests] ${problem}`)
  ;(problem ? describe.skip : describe)(name, body)
}

export async function startSshEngine(dockerHost: string): Promise<SshEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-sshd-'))
  const home = join(dir, 'home')
  mkdirSync(join(home, '.ssh'), { recursive: true, mode: 0o700 })
  const keygen = (file: string): string => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'berth-test', '-f', file], { stdio: 'pipe' })
    return readFileSync(`${file}.pub`, 'utf8').trim()
  }
  const hostKey = keygen(join(dir, 'host_ed25519'))
  writeFileSync(join(dir, 'authorized_keys'), `${keygen(join(home, '.ssh', 'id_ed25519'))}\n`, { mode: 0o600 })
  const port = await freePort()
  writeFileSync(join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${port} ${hostKey.split(' ').slice(0, 2).join(' ')}\n`)
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_ed25519')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      // The temp dir is under the world-writable /tmp, which StrictModes refuses.
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      // docker-modem opens one SSH connection per request: let a burst of them in.
      'MaxStartups 100',
      'LogLevel ERROR',
      `SetEnv DOCKER_HOST=${dockerHost}`
    ].join('\n') + '\n'
  )
  // sshd run as root refuses to start without its privilege-separation directory; the package's
  // service would make it (systemd RuntimeDirectory), and nothing here starts that service.
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr.on('data', (c: Buffer) => void (log = (log + c.toString()).slice(-4000)))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    await waitForBanner(port, () => (child.exitCode !== null ? `sshd exited: ${log}` : null))
    return { url: `ssh://root@127.0.0.1:${port}`, home, stop }
  } catch (e) {
    await stop()
    throw e
  }
}

/** Until the port answers with an SSH banner (or sshd died). */
async function waitForBanner(port: number, died: () => string | null): Promise<void> {
  const end = Date.now() + 20_000
  for (;;) {
    const why = died()
    if (why) throw new Error(why)
    const banner = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('data', (d) => {
        s.destroy()
        resolve(d.toString().startsWith('SSH-'))
      })
      s.once('error', () => resolve(false))
    })
    if (banner) return
    if (Date.now() > end) throw new Error(`sshd did not answer on 127.0.0.1:${port}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
