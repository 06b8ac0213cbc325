// The registry list on disk: add/edit/remove persisted, atomic writes, a damaged file kept
// aside, the managed local registry never written, health checks bounded and non-blocking.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BerthEvents, EventName } from '@shared/contract'
import type { RegistryEntry } from '@shared/contract/registries'
import type { RegistryPingResult } from '@shared/contract/registryTypes'
import { RegistryService, type RegistryServiceOptions } from '../../src/main/registries/service'

describe('registries settings file', () => {
  let dir: string
  let file: string
  let events: { event: EventName; payload: unknown }[]

  const make = (extra: Partial<RegistryServiceOptions> = {}): RegistryService =>
    new RegistryService({
      file,
      emit: <E extends EventName>(event: E, payload: BerthEvents[E]) => void events.push({ event, payload }),
      ping: async () => ({ state: 'reachable' }),
      intervalMs: 0,
      ...extra
    })

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berth-it-registries-'))
    file = join(dir, 'registries.json')
    events = []
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('adds, edits and removes entries, and a new service reads them back', async () => {
    const s = make()
    const a = await s.add({ address: 'http://127.0.0.1:5000/', scheme: 'http' })
    expect(a).toMatchObject({ address: '127.0.0.1:5000', name: '127.0.0.1:5000', scheme: 'http' })
    const b = await s.add({ name: 'Team', address: 'Registry.Example.com', scheme: 'https', caFile: '/etc/ca.pem' })
    expect(b.address).toBe('registry.example.com')
    await s.update(b.id, { name: 'Team registry', insecureSkipVerify: true })
    expect(events.filter((e) => e.event === 'registries.changed')).toHaveLength(3)

    const reread = make().list()
    expect(reread.map((e) => e.name)).toEqual(['127.0.0.1:5000', 'Team registry'])
    expect(reread[1]).toMatchObject({ caFile: '/etc/ca.pem', insecureSkipVerify: true })

    await s.update(b.id, { caFile: '', insecureSkipVerify: false })
    expect(make().get(b.id).caFile).toBeUndefined()
    expect(make().get(b.id).insecureSkipVerify).toBeUndefined()

    await s.remove(a.id)
    expect(make().list().map((e) => e.id)).toEqual([b.id])
    expect(() => s.get(a.id)).toThrow(/No such registry/)
  })

  it('refuses duplicates and bad addresses', async () => {
    const s = make()
    await s.add({ address: 'localhost:5000', scheme: 'http' })
    await expect(s.add({ address: 'LOCALHOST:5000', scheme: 'https' })).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(s.add({ address: 'has space', scheme: 'https' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(s.add({ address: 'host/path', scheme: 'https' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('writes atomically: concurrent changes all land, and no temp file is left', async () => {
    const s = make()
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.add({ address: `r${i}.example.com`, scheme: 'https' })))
    const onDisk = JSON.parse(readFileSync(file, 'utf8')) as { version: number; registries: RegistryEntry[] }
    expect(onDisk.version).toBe(1)
    expect(onDisk.registries).toHaveLength(20)
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([])
  })

  it('a crash mid-write leaves the old list: stale temp files are ignored and cleaned up', async () => {
    const s = make()
    await s.add({ address: 'kept.example.com', scheme: 'https' })
    // What a crash between "write temp" and "rename" leaves behind (pid 999999 is not running).
    const stale = `${file}.999999.abcdef.tmp`
    writeFileSync(stale, '{"version":1,"registries":[{"id":"x","addr')
    const after = make()
    expect(after.list().map((e) => e.address)).toEqual(['kept.example.com'])
    expect(existsSync(stale)).toBe(false)
  })

  it('moves a damaged file aside instead of overwriting it', () => {
    writeFileSync(file, '{ not json')
    const s = make()
    expect(s.list()).toEqual([])
    expect(s.loadProblem).toMatch(/damaged/)
    expect(readdirSync(dir).some((n) => n.startsWith('registries.json.damaged-'))).toBe(true)
  })

  it('shows the managed local registry first, never writes it, and refuses to edit or remove it', async () => {
    const s = make()
    await s.add({ address: 'team.example.com', scheme: 'https' })
    s.setManaged({ id: 'local-registry', name: 'Local registry', address: '127.0.0.1:5000', scheme: 'http', managed: 'local' })
    expect(s.list().map((e) => e.id)[0]).toBe('local-registry')
    expect(readFileSync(file, 'utf8')).not.toContain('local-registry')
    await expect(s.remove('local-registry')).rejects.toMatchObject({ code: 'CONFLICT' })
    await expect(s.update('local-registry', { name: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' })
    await s.add({ address: 'other.example.com', scheme: 'https' })
    expect(readFileSync(file, 'utf8')).not.toContain('127.0.0.1:5000')
    expect(make().list().some((e) => e.managed)).toBe(false)
    s.setManaged(undefined)
    expect(s.list().some((e) => e.managed)).toBe(false)
    expect(events.filter((e) => e.event === 'registries.changed').length).toBeGreaterThanOrEqual(4)
  })

  it('checks health in the background, at most `concurrency` at a time, with a checking state first', async () => {
    let active = 0
    let peak = 0
    const release: (() => void)[] = []
    const ping = (): Promise<RegistryPingResult> =>
      new Promise((resolve) => {
        active++
        peak = Math.max(peak, active)
        release.push(() => {
          active--
          resolve({ state: 'auth-required', error: 'sign in', hint: 'add credentials' })
        })
      })
    const s = make({ ping, concurrency: 2 })
    for (let i = 0; i < 5; i++) await s.add({ address: `h${i}.example.com`, scheme: 'https' })
    // list() answers at once while every check hangs.
    expect(s.list()).toHaveLength(5)
    expect(s.healthAll().every((h) => h.state === 'checking')).toBe(true)
    while (release.length || active) {
      await new Promise((r) => setTimeout(r, 5))
      release.shift()?.()
    }
    await new Promise((r) => setTimeout(r, 5))
    expect(peak).toBeLessThanOrEqual(2)
    expect(s.healthAll().every((h) => h.state === 'auth-required' && h.error === 'sign in' && h.checkedAt > 0)).toBe(true)
    expect(events.some((e) => e.event === 'registries.health' && (e.payload as { state: string }).state === 'checking')).toBe(true)
  })
})
