// Share on the LAN (bound to all interfaces, same volume) and htpasswd basic auth. Checked through
// loopback only: tests never reach out to other addresses.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createCredentialResolver } from '../../src/main/credentials'
import { TransferService } from '../../src/main/transfers'
import { describeEngine } from '../support/describeEngine'
import { buildImage } from '../support/images'
import { boundHostIp, catalog, harness, push, type Harness } from '../support/localRegistry'

describeEngine('local registry sharing and basic auth (real engine)', () => {
  let h: Harness
  let imageId: string
  const login = { username: 'berth', password: 'correct horse battery staple' }

  beforeAll(async () => {
    h = await harness('share')
    imageId = await buildImage(h.docker, { tag: `${h.prefix}-img:1`, layers: [{ path: '/s.bin', size: 32 * 1024 }] })
  })

  afterAll(async () => {
    await h?.cleanup()
    await h?.docker.getImage(`${h.prefix}-img:1`).remove({ force: true }).catch(() => undefined)
  })

  it('re-creates the registry bound to all interfaces without losing data, and back', async () => {
    const first = await h.service.start()
    await push(h.docker, imageId, first.address, 'shared/app', '1')
    expect(await boundHostIp(h.docker, first.containerId!)).toBe('127.0.0.1')

    // Open to the whole network without auth: only after an explicit yes, and nothing changes before.
    await expect(h.service.setShared(true)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/anyone on your network can push, overwrite and delete/), details: { confirmOpenShare: true } })
    expect(await boundHostIp(h.docker, first.containerId!)).toBe('127.0.0.1')
    const shared = await h.service.setShared(true, true)
    expect(shared.state).toBe('running')
    expect(shared.shared).toBe(true)
    expect(shared.containerId).not.toBe(first.containerId)
    expect(await boundHostIp(h.docker, shared.containerId!)).toBe('all')
    expect(await h.containers()).toHaveLength(1)
    expect(await catalog(`127.0.0.1:${h.port}`)).toEqual(['shared/app'])
    // What other machines need: this machine's LAN addresses and the daemon.json snippet.
    for (const a of shared.lanAddresses) expect(a).toMatch(new RegExp(`:${h.port}$`))
    if (shared.lanAddresses.length) expect(JSON.parse(shared.insecureRegistriesSnippet!)).toEqual({ 'insecure-registries': shared.lanAddresses })

    // Sharing is remembered for a re-created container.
    await h.service.removeContainer()
    const again = await h.service.start()
    expect(await boundHostIp(h.docker, again.containerId!)).toBe('all')

    const local = await h.service.setShared(false)
    expect(await boundHostIp(h.docker, local.containerId!)).toBe('127.0.0.1')
    expect(local.lanAddresses).toEqual([])
    expect(await catalog(local.address)).toEqual(['shared/app'])
  })

  it('basic auth: anonymous push refused, push with the set credentials works, Berth keeps the login', async () => {
    const address = `127.0.0.1:${h.port}`
    const on = await h.service.setAuth({ enabled: true, ...login })
    expect(on.state).toBe('running')
    expect(on.auth).toEqual({ enabled: true, username: login.username })
    const info = await h.docker.getContainer(on.containerId!).inspect()
    expect(info.Config.Env).toContain('REGISTRY_AUTH=htpasswd')

    await expect(push(h.docker, imageId, address, 'private/app', '1')).rejects.toThrow(/auth|unauthorized|denied/i)
    await push(h.docker, imageId, address, 'private/app', '1', login)
    await expect(catalog(address)).rejects.toThrow(/401/)
    expect((await catalog(address, login)).sort()).toEqual(['private/app', 'shared/app'])

    // Berth's credential store has it, so the status card (and Berth's pushes) still get in.
    expect(await h.store.get(address)).toEqual(login)
    const status = await h.service.status()
    expect(status.repositories).toBe(2)

    // Berth's own push (the transfers service, credentials resolved from Berth's store) gets in.
    const transfers = new TransferService({
      docker: () => h.docker,
      emit: () => undefined,
      credentials: createCredentialResolver({ store: h.store, dockerConfigPath: `${h.dataDir}/no-docker-config.json` })
    })
    try {
      const first = transfers.push({ source: imageId, target: `${address}/berth/pushed:1` })
      const done = await transfers.wait(first.id)
      expect(done.state).toBe('done')
    } finally {
      transfers.dispose()
      await h.docker.getImage(`${address}/berth/pushed:1`).remove({ noprune: true }).catch(() => undefined)
    }
    expect((await catalog(address, login)).sort()).toEqual(['berth/pushed', 'private/app', 'shared/app'])

    // The hash lives in the volume: a re-created container still wants the same password.
    await h.service.removeContainer()
    await h.service.start()
    await expect(catalog(address)).rejects.toThrow(/401/)
    expect(await catalog(address, { ...login, password: 'wrong' }).catch((e: Error) => e.message)).toMatch(/401/)
    expect((await catalog(address, login)).length).toBe(3)

    // With auth on, sharing needs no confirmation; turning auth off while shared does.
    const sharedWithAuth = await h.service.setShared(true)
    expect(await boundHostIp(h.docker, sharedWithAuth.containerId!)).toBe('all')
    await expect(h.service.setAuth({ enabled: false })).rejects.toMatchObject({ code: 'CONFLICT', details: { confirmOpenShare: true } })
    expect((await h.service.status()).auth.enabled).toBe(true)
    await h.service.setShared(false)

    const off = await h.service.setAuth({ enabled: false })
    expect(off.auth.enabled).toBe(false)
    expect(await catalog(address)).toHaveLength(3)
    expect(await h.store.get(address)).toBeUndefined()
  })
})
