// ssh:// engines: which host keys known_hosts has for a host (plain, [host]:port, hashed by
// `ssh-keygen -H`, wildcards, negation, @revoked), and what Berth hands ssh2 from a home folder.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { utils } from 'ssh2'
import { fromDockerHost, remoteHostOf } from '../../src/main/engine/endpoints'
import { describeSshError, knownHostKeys, sshOptions } from '../../src/main/engine/ssh'
import { inEnglish } from '../../src/shared/i18n/translator'
import type { Msg } from '../../src/shared/i18n/message'

const ED = 'AAAAC3NzaC1lZDI1NTE5AAAAIOtkVkWTTM/Ng0jmhY0i9VrFHpJ4ZdLxJSex5wqiuXrr'
const EC = 'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEZ6M3l0XR8nwutlfmhMcrVrhLU0ZW7IUhyDPb0SRtVsEFo9KoDDSWIS8aVLfOiPQWElAvW9sHx9gbtQYIukTuY='
// `[127.0.0.1]:2222 ssh-ed25519 ED` and `box.example ecdsa-sha2-nistp256 EC`, hashed by `ssh-keygen -H`.
const HASHED = `|1|wGgGEm0TQtAz8xcSYq0U2vKdPfo=|1sZTmoQpDNC2GXZ9nERtiGjU9GA= ssh-ed25519 ${ED}
|1|18INCilA4CRZc2xQqOckJwfoyJw=|bRJeDtUt0NofocmsSdWZV7GCLPs= ecdsa-sha2-nistp256 ${EC}`

const types = (host: string, port: number, text: string): string[] => knownHostKeys({ host, port }, text).map((k) => k.type)

describe('ssh engines', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

  it('finds a host by name, by [host]:port, and in hashed entries; the port must match', () => {
    expect(types('127.0.0.1', 2222, HASHED)).toEqual(['ssh-ed25519'])
    expect(types('127.0.0.1', 22, HASHED)).toEqual([])
    expect(types('box.example', 22, HASHED)).toEqual(['ecdsa-sha2-nistp256'])
    expect(types('BOX.example', 22, `box.example ssh-ed25519 ${ED}`)).toEqual(['ssh-ed25519'])
    expect(types('box.example', 2200, `box.example ssh-ed25519 ${ED}`)).toEqual([])
    expect(types('box.example', 2200, `[box.example]:2200 ssh-ed25519 ${ED}`)).toEqual(['ssh-ed25519'])
    expect(knownHostKeys({ host: 'box.example', port: 22 }, `box.example ssh-ed25519 ${ED}`)[0]!.blob).toEqual(Buffer.from(ED, 'base64'))
  })

  it('reads wildcards, negations, comments and markers as OpenSSH does', () => {
    const text = `# a comment\n*.lan,!nas.lan ssh-ed25519 ${ED}\n@cert-authority *.lan ecdsa-sha2-nistp256 ${EC}\n`
    expect(types('box.lan', 22, text)).toEqual(['ssh-ed25519'])
    expect(types('nas.lan', 22, text)).toEqual([])
    expect(types('box.lan', 22, `${text}@revoked box.lan ecdsa-sha2-nistp256 ${EC}\n`)).toEqual([])
  })

  it('gives ssh2 the agent, an unencrypted default key, and a verifier that accepts only known keys', () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-ssh-home-'))
    dirs.push(home)
    mkdirSync(join(home, '.ssh'))
    const encrypted = utils.generateKeyPairSync('ed25519', { passphrase: 'secret', cipher: 'aes256-ctr', rounds: 16 })
    const plain = utils.generateKeyPairSync('ecdsa', { bits: 256 })
    writeFileSync(join(home, '.ssh/id_ed25519'), encrypted.private)
    writeFileSync(join(home, '.ssh/id_ecdsa'), plain.private)
    writeFileSync(join(home, '.ssh/known_hosts'), HASHED)

    const o = sshOptions({ host: '127.0.0.1', port: 2222 }, { SSH_AUTH_SOCK: '/tmp/agent.sock' }, home)
    expect(o.agent).toBe('/tmp/agent.sock')
    // The encrypted key needs a passphrase Berth cannot ask for: the agent's job.
    expect(o.privateKey?.toString()).toBe(plain.private)
    expect(o.algorithms?.serverHostKey).toEqual(['ssh-ed25519'])
    expect(o.hostVerifier(Buffer.from(ED, 'base64'))).toBe(true)
    expect(o.hostVerifier(Buffer.from(EC, 'base64'))).toBe(false)
    // Unknown host: nothing is accepted.
    expect(sshOptions({ host: '10.0.0.9', port: 22 }, {}, home).hostVerifier(Buffer.from(ED, 'base64'))).toBe(false)
  })

  it('turns DOCKER_HOST=ssh://… into a remote endpoint with the user, port and ssh options', () => {
    const home = mkdtempSync(join(tmpdir(), 'berth-ssh-home-'))
    dirs.push(home)
    const e = fromDockerHost('ssh://deploy@build.lan:2200', {}, undefined, home)
    expect(e.options).toMatchObject({ protocol: 'ssh', host: 'build.lan', port: 2200, username: 'deploy' })
    expect(remoteHostOf(e)).toBe('build.lan')
    expect(remoteHostOf(fromDockerHost('ssh://root@127.0.0.1:2222', {}, undefined, home))).toBeUndefined()
  })

  it('says what to do when the host key or the login is refused', () => {
    const said = (e: Error, label: string): string | undefined => {
      const msg: Msg | undefined = describeSshError(e, label)
      return msg && inEnglish(msg)
    }
    expect(said(new Error('Host denied (verification failed)'), 'ssh://me@box.lan:2200')).toMatch(/host key of box\.lan:2200 .*known_hosts/)
    expect(said(new Error('All configured authentication methods failed'), 'work (ssh://me@box.lan)')).toMatch(/box\.lan refused every key.*ssh-add/)
    expect(said(new Error('connect ECONNREFUSED'), 'ssh://box')).toBeUndefined()
  })
})
