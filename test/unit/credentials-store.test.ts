import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CredentialStore, plainSecretBox, writeFileAtomic, type SecretBox } from '../../src/main/credentials/store'
import { tempDirs } from '../support/tempDirs'

const posix = process.platform !== 'win32'

/** A reversible "encryption" that makes it easy to prove the plain secret never hits the disk. */
const rot13Box: SecretBox = {
  encrypt: (s) => Buffer.from(s.replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c === c.toLowerCase() ? 97 : 65)))),
  decrypt: (b) => b.toString().replace(/[a-z]/gi, (c) => String.fromCharCode(((c.toLowerCase().charCodeAt(0) - 97 + 13) % 26) + (c === c.toLowerCase() ? 97 : 65))),
  description: 'test box'
}

const tempDir = tempDirs()
function tempFile(): string {
  return join(tempDir('store'), 'nested', 'credentials.json')
}

describe('CredentialStore', () => {
  it('sets, gets, lists (no secrets) and removes; keys are normalized registries', async () => {
    const file = tempFile()
    const store = new CredentialStore({ file, box: rot13Box, clock: () => 42 })
    expect(await store.list()).toEqual([])
    expect(await store.get('localhost:5000')).toBeUndefined()

    await store.set('https://LocalHost:5000/v2/', { username: 'alice', password: 'hunter-two' })
    await store.set('reg.lan', { username: 'bob', password: 'zebra' })
    expect(await store.get('localhost:5000')).toEqual({ username: 'alice', password: 'hunter-two' })

    const list = await store.list()
    expect(list).toEqual([
      { registry: 'localhost:5000', username: 'alice', updatedAt: 42 },
      { registry: 'reg.lan', username: 'bob', updatedAt: 42 }
    ])
    expect(JSON.stringify(list)).not.toContain('hunter')

    const onDisk = readFileSync(file, 'utf8')
    expect(onDisk).not.toContain('hunter-two')
    expect(onDisk).not.toContain(Buffer.from('hunter-two').toString('base64'))
    expect(JSON.parse(onDisk).protection).toBe('test box')

    expect(await store.remove('localhost:5000')).toBe(true)
    expect(await store.remove('localhost:5000')).toBe(false)
    expect((await store.list()).map((e) => e.registry)).toEqual(['reg.lan'])
  })

  it.skipIf(!posix)('creates the folder 0700 and the file 0600, also with a permissive umask', async () => {
    const file = tempFile()
    const old = process.umask(0o000)
    try {
      await new CredentialStore({ file, box: plainSecretBox }).set('r:1', { username: 'u', password: 'p' })
    } finally {
      process.umask(old)
    }
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700)
  })

  it('replaces the file by rename and leaves no temp files behind', async () => {
    const file = tempFile()
    const store = new CredentialStore({ file, box: plainSecretBox })
    await store.set('r:1', { username: 'u', password: 'p' })
    const inode = statSync(file).ino
    await store.set('r:2', { username: 'v', password: 'q' })
    if (posix) expect(statSync(file).ino).not.toBe(inode)
    expect(readdirSync(join(file, '..'))).toEqual(['credentials.json'])
  })

  it('serializes concurrent writes so none is lost', async () => {
    const store = new CredentialStore({ file: tempFile(), box: plainSecretBox })
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`r${i}:1`, { username: `u${i}`, password: `p${i}` })))
    expect(await store.list()).toHaveLength(20)
  })

  it('leaves the old file intact when a write fails', async () => {
    const file = tempFile()
    await new CredentialStore({ file, box: plainSecretBox }).set('r:1', { username: 'u', password: 'p' })
    const before = readFileSync(file, 'utf8')
    const failing = new CredentialStore({ file, box: { ...plainSecretBox, encrypt: () => { throw new Error('keychain locked') } } })
    await expect(failing.set('r:2', { username: 'v', password: 'q' })).rejects.toThrow('keychain locked')
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('rejects bad input with INVALID_INPUT', async () => {
    const store = new CredentialStore({ file: tempFile(), box: plainSecretBox })
    await expect(store.set('', { username: 'u', password: 'p' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(store.set('r:1', { username: ' ', password: 'p' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(store.set('r:1', { username: 'u', password: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('says what to do when a secret cannot be decrypted or the file is damaged', async () => {
    const file = tempFile()
    await new CredentialStore({ file, box: plainSecretBox }).set('r:1', { username: 'u', password: 'p' })
    const otherKey = new CredentialStore({ file, box: { ...plainSecretBox, decrypt: () => { throw new Error('bad key') } } })
    await expect(otherKey.get('r:1')).rejects.toMatchObject({ code: 'AUTH_REQUIRED', hint: expect.stringMatching(/again/) })
    expect(await otherKey.list()).toHaveLength(1) // listing needs no decryption

    writeFileSync(file, '{"version":1,"registr')
    await expect(new CredentialStore({ file, box: plainSecretBox }).list()).rejects.toMatchObject({ hint: expect.stringContaining(file) })
  })
})

describe('writeFileAtomic', () => {
  it('removes its temp file when the rename fails', async () => {
    const dir = tempDir('atomic')
    const target = join(dir, 'target')
    mkdirSync(join(target, 'child'), { recursive: true }) // a non-empty folder cannot be replaced by a file
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow()
    expect(readdirSync(dir)).toEqual(['target'])
  })
})
