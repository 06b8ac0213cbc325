import { describe, expect, it } from 'vitest'
import { clip, imageRefProblem as problemOf, isImageId, pathTrickProblem } from '@shared/engineInput'
import { createI18n, inEnglish, renderMsg } from '@shared/i18n/translator'
import { localRegistryCalls } from '@shared/contract'
import { issueMessage } from '@shared/contract/issueMessage'
import { isValidPort } from '@shared/port'
import { normalizeAddress } from '@shared/registryAddress'

/** The rule's message in English (null when the value passes). */
const imageRefProblem = (v: string): string | null => {
  const p = problemOf(v)
  return p === null || typeof p === 'string' ? p : inEnglish(p)
}

describe('engine input rules', () => {
  it('knows image IDs: sha256: optional, 12 to 64 lowercase hex digits', () => {
    expect(isImageId('0123456789ab')).toBe(true)
    expect(isImageId(`sha256:${'f'.repeat(64)}`)).toBe(true)
    expect(isImageId('0123456789a')).toBe(false)
    expect(isImageId('f'.repeat(65))).toBe(false)
    expect(isImageId('0123456789AB')).toBe(false)
  })

  it('refuses path tricks whatever else the string is', () => {
    for (const v of ['..', 'a/../b', '/abs', 'a?b', 'a#b', 'a%2e', 'a\u0000', 'a\u007f', 'a\nb']) expect(pathTrickProblem(v), JSON.stringify(v)).not.toBeNull()
    expect(pathTrickProblem('localhost:5000/team/app:1.0')).toBeNull()
  })

  it('accepts IDs and references, refuses anything else with a bounded message', () => {
    expect(imageRefProblem('registry.example.com/team/app:1.0')).toBeNull()
    expect(imageRefProblem('sha256:0123456789abcdef')).toBeNull()
    expect(imageRefProblem('../containers/json')).toMatch(/must not contain "\.\."/)
    expect(imageRefProblem('Bad Name')).toMatch(/whitespace/)
    expect(imageRefProblem(`${'x'.repeat(5000)}?`)!.length).toBeLessThan(300)
  })

  it('says what is wrong in Chinese too: the rules are catalog messages', () => {
    const zh = createI18n('zh-CN').t
    const p = problemOf('../containers/json')
    expect(p && typeof p !== 'string' ? renderMsg(zh, p) : p).toBe('“../containers/json”不是镜像 ID 或引用：不能包含“..”')
  })

  it('range-checks ports in references, registry addresses and settings', () => {
    expect(imageRefProblem('localhost:99999/app')).toMatch(/port must be from 1 to 65535/)
    expect(imageRefProblem('localhost:0/app')).toMatch(/port must be from 1 to 65535/)
    expect(imageRefProblem('localhost:65535/app')).toBeNull()
    expect(() => normalizeAddress('registry.example.com:70000')).toThrow(/from 1 to 65535/)
    expect(normalizeAddress('registry.example.com:5000')).toBe('registry.example.com:5000')
    for (const p of [0, 65536, 1.5, -1, '99999', '5e3', '']) expect(isValidPort(p), String(p)).toBe(false)
    for (const p of [1, 5000, 65535, '443']) expect(isValidPort(p), String(p)).toBe(true)
    const setPort = localRegistryCalls['localRegistry.setPort'].safeParse({ port: 70000 })
    const said = !setPort.success && issueMessage(setPort.error.issues[0]!.message)
    expect(said && typeof said !== 'string' ? inEnglish(said) : said).toMatch(/from 1 to 65535/)
  })

  it('clips echoed text to one bounded line', () => {
    expect(clip('a\nb')).toBe('a b')
    expect(clip('y'.repeat(300))).toHaveLength(201)
  })
})
