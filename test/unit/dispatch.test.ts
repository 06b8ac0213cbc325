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

  it('turns unexpected exceptions into INTERNAL with a hint', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    const r = await createDispatch(handlers({ 'images.list': async () => Promise.reject(new TypeError('boom')) }))('images.list', undefined)
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })
    spy.mockRestore()
  })
})
