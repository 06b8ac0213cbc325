import { describe, expect, it } from 'vitest'
import { checkCatalogs, HOW_TO_FIX } from '../../scripts/i18n-check'
import { acceptedLanguages, pickLocale } from '@shared/i18n/locales'
import { m } from '@shared/i18n/message'
import { createI18n, renderMsg } from '@shared/i18n/translator'
import { BerthError, toErrorData } from '@shared/contract'
import { decodeDaemonError } from '../../src/main/engine/progress/errors'
import { portInUseError } from '../../src/main/localRegistry/ports'

describe('catalogs', () => {
  it('are complete in both languages, agree on parameters, use every key and follow the glossary', () => {
    const problems = checkCatalogs()
    expect(problems, `${problems.join('\n')}\n${HOW_TO_FIX}`).toEqual([])
  })
})

describe('plurals', () => {
  const en = createI18n('en')
  const zh = createI18n('zh-CN')
  it('English has one and other; Chinese has one form', () => {
    const one = m('errors.images.inUse', { id: 'abc', count: 1, names: 'web' })
    const two = m('errors.images.inUse', { id: 'abc', count: 2, names: 'web, db' })
    expect(renderMsg(en.t, one)).toBe('Image abc is used by 1 container: web.')
    expect(renderMsg(en.t, two)).toBe('Image abc is used by 2 containers: web, db.')
    expect(renderMsg(zh.t, one)).toBe('镜像 abc 正被 1 个容器使用：web。')
    expect(renderMsg(zh.t, two)).toBe('镜像 abc 正被 2 个容器使用：web, db。')
  })
})

describe('errors cross as code + message key', () => {
  it('carry key and params; main keeps English; each language renders its own words', () => {
    const data = toErrorData(portInUseError(5000, {}, 5001))
    expect(data.code).toBe('PORT_IN_USE')
    expect(data.message).toBe('Port 5000 is already in use by another program on this machine.')
    expect(data.msg?.key).toBe('errors.local.portInUse')
    const zh = createI18n('zh-CN')
    expect(renderMsg(zh.t, data.msg!)).toBe('端口 5000 已被本机上的另一个程序占用。')
    expect(renderMsg(zh.t, data.hintMsg!)).toBe('请改用端口 5001（它是空闲的），或停止该程序后重试。')
    // The envelope is plain data: it survives JSON (HTTP) and comes back the same.
    const back = BerthError.fromData(JSON.parse(JSON.stringify(data)))
    expect(back.msg).toEqual(data.msg)
    expect(back.message).toBe(data.message)
  })

  it('nested fragments are translated too', () => {
    const err = decodeDaemonError('Get "http://10.0.0.5:5000/v2/": dial tcp 10.0.0.5:5000: connect: connection refused', { kind: 'push', registry: '10.0.0.5:5000' })
    expect(err.message).toBe('The engine could not reach 10.0.0.5:5000 during the push.')
    expect(renderMsg(createI18n('zh-CN').t, err.msg!)).toBe('推送期间，引擎无法连接10.0.0.5:5000。')
  })

  it('text Berth did not write stays as it came (no key)', () => {
    const data = toErrorData(new Error('boom'))
    expect(data).toMatchObject({ code: 'INTERNAL', message: 'boom' })
    expect(data.msg).toBeUndefined()
    expect(data.hintMsg?.key).toBe('hints.reportBug')
  })
})

describe('language choice', () => {
  it('maps any Chinese tag to zh-CN, English tags to en, others to the default', () => {
    expect(pickLocale(['zh-TW'])).toBe('zh-CN')
    expect(pickLocale(['fr-FR', 'zh'])).toBe('zh-CN')
    expect(pickLocale(['en-GB', 'zh-CN'])).toBe('en')
    expect(pickLocale(['fr', undefined])).toBe('en')
  })
  it('reads Accept-Language by quality', () => {
    expect(acceptedLanguages('en;q=0.5, zh-CN, fr;q=0')).toEqual(['zh-CN', 'en'])
    expect(pickLocale(acceptedLanguages('en;q=0.5, zh-CN;q=0.9'))).toBe('zh-CN')
  })
})
