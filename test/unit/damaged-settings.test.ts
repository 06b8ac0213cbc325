import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Notice } from '@shared/contract'
import { CredentialStore, plainSecretBox } from '../../src/main/credentials/store'
import { findAuthEntry, helperFor, parseDockerConfig } from '../../src/main/credentials/dockerConfig'
import { createDispatch } from '../../src/main/dispatch'
import { createHandlers } from '../../src/main/handlers'
import { readSettings, updateSettings } from '../../src/main/localRegistry/settings'
import { createServices } from '../../src/main/services'
import { tempDirs } from '../support/tempDirs'

const tempDir = tempDirs()
const temp = (): string => tempDir('damaged')
afterEach(() => {
  vi.restoreAllMocks()
})

describe('files that go bad', () => {
  it('keeps a damaged local-registry settings file aside, says where once, never overwrites it unseen', async () => {
    const file = join(temp(), 'local-registry.json')
    writeFileSync(file, '{"port": 5000, "shared": tr')
    const notices: Notice[] = []
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(await readSettings(file, (n) => notices.push(n))).toEqual({})
    expect(notices).toHaveLength(1)
    expect(notices[0]!.keptAt).toMatch(/local-registry\.json\.damaged-\d+$/)
    expect(readFileSync(notices[0]!.keptAt!, 'utf8')).toBe('{"port": 5000, "shared": tr')
    expect(notices[0]!.message).toContain(notices[0]!.keptAt!)
    // The next save starts from defaults; the damaged copy stays where it was.
    await updateSettings(file, { port: 5001 }, (n) => notices.push(n))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ port: 5001 })
    expect(notices).toHaveLength(1)
    expect(existsSync(notices[0]!.keptAt!)).toBe(true)
  })

  it('tells the UI once about a damaged registries.json, with where the copy is', async () => {
    const dataDir = temp()
    writeFileSync(join(dataDir, 'registries.json'), '{"version":1,"registries":[')
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const services = createServices({ dataDir, webMode: true, endpoints: [] })
    const call = createDispatch(createHandlers(services))
    const first = await call('notices.take', undefined)
    expect(first.ok && first.value).toEqual([expect.objectContaining({ message: expect.stringMatching(/registry list was damaged/), keptAt: expect.stringMatching(/registries\.json\.damaged-/) })])
    expect(readdirSync(dataDir).some((n) => n.startsWith('registries.json.damaged-'))).toBe(true)
    expect(await call('notices.take', undefined)).toEqual({ ok: true, value: [] })
    await services.dispose()
  })

  it('treats __proto__ and constructor as ordinary registry names in the credential store', async () => {
    const file = join(temp(), 'credentials.json')
    const store = new CredentialStore({ file, box: plainSecretBox })
    expect(await store.get('constructor')).toBeUndefined()
    expect(await store.remove('constructor')).toBe(false)
    await store.set('__proto__', { username: 'p', password: 'pp' })
    await store.set('constructor', { username: 'c', password: 'cc' })
    const reread = new CredentialStore({ file, box: plainSecretBox })
    expect(await reread.get('__proto__')).toEqual({ username: 'p', password: 'pp' })
    expect(await reread.get('constructor')).toEqual({ username: 'c', password: 'cc' })
    expect((await reread.list()).map((l) => l.registry)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).username).toBeUndefined()
  })

  it('reads __proto__ from a docker config.json as a key, not a prototype', () => {
    const config = parseDockerConfig('{"auths":{"__proto__":{"auth":"dTpw"}},"credHelpers":{"__proto__":"evil"}}')!
    expect(Object.keys(config.auths ?? {})).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(config.auths)).toBeNull()
    expect(findAuthEntry(config, '__proto__')?.entry.auth).toBe('dTpw')
    expect(helperFor(config, 'registry.example.com')).toBeUndefined()
  })
})
