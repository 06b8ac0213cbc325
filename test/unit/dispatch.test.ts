import { describe, expect, it, vi } from 'vitest'
import { BerthError, type Handlers } from '@shared/contract'
import { createDispatch } from '../../src/main/dispatch'

function handlers(over: Partial<Handlers>): Handlers {
  return new Proxy(over as Handlers, {
    get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? (() => Promise.reject(new Error(`unexpected call ${String(k)}`)))
  })
}

describe('dispatch', () => {
  it('refuses unknown calls', async () => {
    const r = await createDispatch(handlers({}))('images.nuke', {})
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('validates arguments against the contract before any handler runs', async () => {
    const tag = vi.fn()
    const r = await createDispatch(handlers({ 'images.tag': tag }))('images.tag', { source: '', target: 'x' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT')
      expect(r.error.message).toMatch(/source/)
    }
    expect(tag).not.toHaveBeenCalled()
    expect((await createDispatch(handlers({ 'images.tag': tag }))('images.tag', 'not an object')).ok).toBe(false)
  })

  it('passes results through and keeps BerthError codes, hints and details', async () => {
    const d = createDispatch(
      handlers({
        'images.prune': async () => ({ deleted: 2, spaceReclaimed: 10 }),
        'images.remove': async () => {
          throw new BerthError('IMAGE_IN_USE', 'in use', 'remove containers', { containers: [{ name: 'c1' }] })
        }
      })
    )
    expect(await d('images.prune', undefined)).toEqual({ ok: true, value: { deleted: 2, spaceReclaimed: 10 } })
    expect(await d('images.remove', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'IMAGE_IN_USE', message: 'in use', hint: 'remove containers', details: { containers: [{ name: 'c1' }] } }
    })
  })

  it('turns unexpected exceptions into INTERNAL "something went wrong" with a code; the stack goes to the log', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const r = await createDispatch(handlers({ 'images.list': async () => Promise.reject(new TypeError('boom')) }))('images.list', undefined)
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/^Something went wrong \(error [0-9a-f]{8}\)/) } })
    expect(JSON.stringify(r)).not.toContain('boom')
    expect(spy.mock.calls[0]?.[1]).toBeInstanceOf(TypeError)
    spy.mockRestore()
  })

  it('never echoes unbounded input in its messages', async () => {
    const long = 'x'.repeat(5000)
    const unknown = await createDispatch(handlers({}))(long, {})
    expect(!unknown.ok && unknown.error.message.length).toBeLessThan(260)
    const bad = await createDispatch(handlers({}))('images.inspect', { id: `${long}?` })
    expect(!bad.ok && bad.error.message.length).toBeLessThan(500)
  })

  it('refuses image IDs and references that could steer the engine to another path', async () => {
    const inspect = vi.fn(async () => ({}))
    const d = createDispatch(handlers({ 'images.inspect': inspect as never }))
    for (const id of ['../127.0.0.1:5000/x', '../containers/json', '/images/json', 'app?x=1', 'app#frag', 'app%2F..', 'app\u0000', 'a b']) {
      const r = await d('images.inspect', { id })
      expect(r, id).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(inspect).not.toHaveBeenCalled()
    for (const id of ['sha256:0123456789ab', '0123456789abcdef', 'app', 'localhost:5000/team/app:1.0', `app@sha256:${'a'.repeat(64)}`]) {
      expect((await d('images.inspect', { id })).ok, id).toBe(true)
    }
  })
})
