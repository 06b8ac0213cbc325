// ssh:// engines, as the docker CLI reaches them: an SSH session to the host that runs
// `docker system dial-stdio` (docker-modem does that part over ssh2). ssh2 reads none of ~/.ssh,
// so Berth gives it what `ssh` would use: the agent (SSH_AUTH_SOCK), the default identity files,
// and known_hosts. A host whose key is not known, or does not match, is refused: Berth never
// accepts a host key on its own. Written here because no maintained npm package checks
// known_hosts (plain, [host]:port and hashed entries) for ssh2.
import { createHmac } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { utils } from 'ssh2'
import { m, type Msg } from '@shared/i18n/message'

export interface SshTarget {
  host: string
  port: number
}

/** What ssh2 needs beyond host, port and user; handed to docker-modem as `sshOptions`. */
export interface SshOptions {
  agent?: string
  privateKey?: Buffer
  hostVerifier: (key: Buffer) => boolean
  algorithms?: { serverHostKey: string[] }
  readyTimeout: number
}

const IDENTITY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa']

export function sshOptions(target: SshTarget, env: NodeJS.ProcessEnv, home: string): SshOptions {
  const known = knownHostKeys(target, knownHostsText(home))
  const privateKey = defaultIdentity(home)
  return {
    ...(env.SSH_AUTH_SOCK ? { agent: env.SSH_AUTH_SOCK } : {}),
    ...(privateKey ? { privateKey } : {}),
    // Offer only the key types known_hosts has for the host, as OpenSSH does: else the server
    // may present another type of key and be refused although it is the right host.
    ...(known.length ? { algorithms: { serverHostKey: hostKeyAlgorithms(known.map((k) => k.type)) } } : {}),
    hostVerifier: (key) => known.some((k) => k.blob.equals(key)),
    readyTimeout: 10_000
  }
}

/** The first unencrypted default identity (encrypted ones need the agent, as with `ssh -o BatchMode=yes`). */
function defaultIdentity(home: string): Buffer | undefined {
  for (const name of IDENTITY_FILES) {
    const file = join(home, '.ssh', name)
    if (!existsSync(file)) continue
    try {
      const data = readFileSync(file)
      if (!(utils.parseKey(data) instanceof Error)) return data
    } catch {
      // unreadable: try the next
    }
  }
  return undefined
}

function knownHostsText(home: string): string {
  return [join(home, '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts']
    .map((f) => {
      try {
        return readFileSync(f, 'utf8')
      } catch {
        return ''
      }
    })
    .join('\n')
}

export interface KnownKey {
  type: string
  blob: Buffer
}

/** The host's keys in known_hosts text; none at all when one of them is marked @revoked. */
export function knownHostKeys(target: SshTarget, text: string): KnownKey[] {
  const name = target.port === 22 ? target.host : `[${target.host}]:${target.port}`
  const keys: KnownKey[] = []
  let revoked = false
  for (const raw of text.split(/\r?\n/)) {
    const fields = raw.trim().split(/\s+/)
    if (!fields[0] || fields[0].startsWith('#')) continue
    const marker = fields[0].startsWith('@') ? fields.shift() : undefined
    const [patterns, type, base64] = fields
    if (!patterns || !type || !base64 || marker === '@cert-authority') continue
    if (!hostMatches(patterns, name)) continue
    const blob = Buffer.from(base64, 'base64')
    if (marker === '@revoked') revoked = true
    else keys.push({ type, blob })
  }
  return revoked ? [] : keys
}

function hostMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|')
    if (!salt || !hash) return false
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash
  }
  let match = false
  for (const p of patterns.split(',')) {
    const negated = p.startsWith('!')
    if (!glob(negated ? p.slice(1) : p).test(name)) continue
    if (negated) return false
    match = true
  }
  return match
}

function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')
  return new RegExp(`^${body}$`, 'i')
}

function hostKeyAlgorithms(types: string[]): string[] {
  const out = types.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]))
  return [...new Set(out)]
}

/** ssh2's words for a refused host key, turned into what to do. */
export function describeSshError(e: unknown, label: string): Msg | undefined {
  const message = (e as Error | undefined)?.message ?? ''
  const host = /ssh:\/\/(?:[^@/]*@)?([^/)\s]+)/.exec(label)?.[1] ?? label
  if (/verification failed|host denied/i.test(message)) return m('errors.engine.ssh.hostKey', { host })
  if (/authentication methods failed/i.test(message)) return m('errors.engine.ssh.noKey', { host })
  if (/dial-stdio|docker: (command )?not found/i.test(message)) return m('errors.engine.ssh.noDockerCli', { host })
  return undefined
}
