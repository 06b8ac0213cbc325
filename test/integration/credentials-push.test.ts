// End to end against the real engine: a registry:2 with htpasswd auth, credentials found
// through a real credential helper named in a temp DOCKER_CONFIG, and the push/pull
// progress followed to the end of the daemon's stream.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import bcrypt from 'bcryptjs'
import { pack } from 'tar-stream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { createCredentialResolver, toDockerAuthConfig } from '../../src/main/credentials/resolve'
import { CredentialStore, plainSecretBox } from '../../src/main/credentials/store'
import { followDaemonStream } from '../../src/main/engine/progress/stream'
import { ProgressTracker } from '../../src/main/engine/progress/tracker'
import { describeEngine } from '../support/describeEngine'
import { inspectPulled } from '../../src/main/transfers/confirm'
import { engineDisplayName, testDocker } from '../support/engine'
import { freePort, waitForV2 } from '../support/http'
import { buildImage, cleanupByPrefix } from '../support/images'

const prefix = `berth-it-cred-${process.pid}`
const docker = testDocker()
const podman = (await engineDisplayName()) === 'Podman'

describeEngine('credentials + progress against an authenticated registry', () => {
  let tmp: string
  let registry: string
  let repo: string
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'berth-it-cred-'))
    await buildImage(docker, {
      tag: `${prefix}/app:1`,
      layers: [
        { path: '/a.bin', size: 300_000 },
        { path: '/b.bin', size: 200_000 },
        { path: '/c.bin', size: 100_000 }
      ]
    })

    const htpasswd = `alice:${bcrypt.hashSync('wonderland', 10)}\n`
    const container = await docker.createContainer({
      name: `${prefix}-registry`,
      Image: 'registry:2',
      Env: ['REGISTRY_AUTH=htpasswd', 'REGISTRY_AUTH_HTPASSWD_REALM=berth', 'REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd'],
      ExposedPorts: { '5000/tcp': {} },
      HostConfig: { PortBindings: { '5000/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } }
    })
    const tar = pack()
    tar.entry({ name: 'auth/htpasswd', mode: 0o644 }, htpasswd)
    tar.finalize()
    await container.putArchive(tar as unknown as NodeJS.ReadableStream, { path: '/' })
    await container.start()
    const port = (await container.inspect()).NetworkSettings.Ports['5000/tcp']![0].HostPort
    registry = `127.0.0.1:${port}`
    repo = `${registry}/${prefix}/app`
    await waitForV2(`http://${registry}/v2/`)
    await docker.getImage(`${prefix}/app:1`).tag({ repo, tag: '1' })

    // A real credential helper, found through the PATH given to the resolver only.
    const bin = join(tmp, 'bin')
    const config = join(tmp, 'docker')
    mkdirSync(bin)
    mkdirSync(config)
    const helper = join(bin, 'docker-credential-berthtest')
    writeFileSync(
      helper,
      `#!/bin/sh\nurl=$(cat)\nprintf '%s\\n' "$url" >> "${join(tmp, 'helper.log')}"\n` +
        `if [ "$url" = "${registry}" ]; then printf '{"ServerURL":"%s","Username":"alice","Secret":"wonderland"}' "$url"; exit 0; fi\n` +
        `echo 'credentials not found in native keychain'; exit 1\n`
    )
    chmodSync(helper, 0o755)
    writeFileSync(join(config, 'config.json'), JSON.stringify({ auths: { [registry]: {} }, credHelpers: { [registry]: 'berthtest' } }))
    env = { DOCKER_CONFIG: config, PATH: [bin, '/usr/bin', '/bin'].join(delimiter), HOME: tmp }
  })

  afterAll(async () => {
    await cleanupByPrefix(docker, prefix)
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  async function push(authconfig?: Record<string, string>): Promise<{ tracker: ProgressTracker; updates: TransferSnapshot[]; result: Promise<unknown> }> {
    const tracker = new ProgressTracker({ id: `push-${Math.random()}`, kind: 'push', reference: `${repo}:1`, registry })
    const updates: TransferSnapshot[] = []
    const stream = (await docker.getImage(repo).push({ tag: '1', ...(authconfig ? { authconfig } : {}) })) as NodeJS.ReadableStream
    return { tracker, updates, result: followDaemonStream(stream, tracker, { onUpdate: (s) => updates.push(s) }) }
  }

  it('without credentials the push fails inside the 200 stream with AUTH_REQUIRED', async () => {
    const { tracker, result } = await push()
    await expect(result).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(tracker.snapshot().state).toBe('failed')
  })

  it('credentials from the credential helper push the image; progress is sane to the end', async () => {
    const resolver = createCredentialResolver({ env })
    const creds = await resolver.resolveCredentials(registry)
    expect(creds).toMatchObject({ username: 'alice', source: 'credential-helper', helper: 'berthtest' })
    expect(await resolver.credentialStatus(registry)).toEqual({ source: 'credential-helper', username: 'alice', helper: 'berthtest' })

    const { tracker, updates, result } = await push(toDockerAuthConfig(creds!, registry))
    const summary = await result
    expect(summary).toMatchObject({ endedCleanly: true })
    const final = tracker.snapshot()
    expect(final.state).toBe('done')
    expect(final.digest).toMatch(/^sha256:[0-9a-f]{64}$/)
    if (podman) {
      // Podman's compat push names no layers and counts no bytes: indeterminate until the end.
      expect(final.layers).toEqual([])
      for (const u of updates.filter((x) => x.state === 'running')) expect(u.indeterminate).toBe(true)
      const again = await push(toDockerAuthConfig(creds!, registry))
      await again.result
      expect(again.tracker.snapshot().digest).toBe(final.digest)
      return
    }
    expect(final.layers).toHaveLength(3)
    expect(final.layers.every((l) => l.phase === 'pushed')).toBe(true)
    expect(final.bytesTotal).toBeGreaterThanOrEqual(600_000)
    expect(final.bytesDone).toBe(final.bytesTotal)
    let prev = 0
    for (const u of updates) {
      expect(u.bytesDone).toBeGreaterThanOrEqual(prev)
      expect(u.bytesDone).toBeLessThanOrEqual(u.bytesTotal)
      prev = u.bytesDone
    }

    // Pushing again: every layer already exists.
    const again = await push(toDockerAuthConfig(creds!, registry))
    await again.result
    expect(again.tracker.snapshot().layers.every((l) => l.phase === 'exists')).toBe(true)
    expect(again.tracker.snapshot().digest).toBe(final.digest)
  })

  it("Berth's own store wins over the helper (a wrong password there is what gets sent)", async () => {
    const store = new CredentialStore({ file: join(tmp, 'berth', 'credentials.json'), box: plainSecretBox })
    await store.set(registry, { username: 'alice', password: 'not-the-password' })
    const creds = await createCredentialResolver({ env, store }).resolveCredentials(registry)
    expect(creds).toMatchObject({ source: 'berth' })
    const { result } = await push(toDockerAuthConfig(creds!, registry))
    await expect(result).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
  })

  it('decodes real daemon failures: plain HTTP to a non-loopback registry, and a closed port', async () => {
    // The container's bridge address is not in the engine's insecure CIDRs (only 127.0.0.0/8 is).
    const ip = Object.values((await docker.getContainer(`${prefix}-registry`).inspect()).NetworkSettings.Networks)[0].IPAddress
    const far = `${ip}:5000`
    await docker.getImage(`${prefix}/app:1`).tag({ repo: `${far}/${prefix}/app`, tag: '1' })
    const t1 = new ProgressTracker({ id: 'http', kind: 'push', reference: `${far}/${prefix}/app:1`, registry: far })
    const s1 = (await docker.getImage(`${far}/${prefix}/app`).push({ tag: '1' })) as NodeJS.ReadableStream
    const e1 = await followDaemonStream(s1, t1).catch((e: unknown) => e)
    expect(e1).toMatchObject({ code: 'REGISTRY_HTTP_REFUSED', details: { snippet: `{"insecure-registries": ["${far}"]}`, registry: far } })

    const closed = await freePort()
    const near = `127.0.0.1:${closed}`
    await docker.getImage(`${prefix}/app:1`).tag({ repo: `${near}/${prefix}/app`, tag: '1' })
    const t2 = new ProgressTracker({ id: 'closed', kind: 'push', reference: `${near}/${prefix}/app:1`, registry: near })
    const s2 = (await docker.getImage(`${near}/${prefix}/app`).push({ tag: '1' })) as NodeJS.ReadableStream
    await expect(followDaemonStream(s2, t2)).rejects.toMatchObject({ code: 'REGISTRY_UNREACHABLE' })
  })

  it('pulls the image back with the helper credentials and tracks download progress', async () => {
    // Remove the image itself (every tag) so the pull has to download each layer.
    const id = (await docker.getImage(`${prefix}/app:1`).inspect()).Id
    await docker.getImage(id).remove({ force: true })
    const creds = await createCredentialResolver({ env }).resolveCredentials(registry)
    const tracker = new ProgressTracker({ id: 'pull', kind: 'pull', reference: `${repo}:1`, registry })
    const stream = (await docker.pull(`${repo}:1`, { authconfig: toDockerAuthConfig(creds!, registry) })) as NodeJS.ReadableStream
    await followDaemonStream(stream, tracker)
    // What TransferService does after every pull: Podman reports the image id like a layer and
    // sends no digest line; the image's RepoDigests tell.
    const pulled = await inspectPulled(docker, `${repo}:1`)
    tracker.confirm({ notLayers: pulled?.notLayers, ...(podman ? { digest: pulled?.digest } : {}) })
    const s = tracker.snapshot()
    expect(s.state).toBe('done')
    expect(s.layers).toHaveLength(3)
    expect(s.layers.every((l) => l.phase === 'done')).toBe(true)
    expect(s.bytesDone).toBe(s.bytesTotal)
    expect(s.digest).toMatch(/^sha256:/)
    if (podman) {
      // No byte counts from Podman, and no final line: the confirmed digest withdrew the warning.
      expect(s.message).toBeUndefined()
    } else {
      expect(s.bytesTotal).toBeGreaterThan(0)
      expect(s.message).toMatch(/Downloaded newer image/)
    }
  })
})
