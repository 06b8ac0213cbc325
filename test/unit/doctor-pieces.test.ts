// The doctor's pieces that need no registry: address parsing, where the engine runs, the step
// runner's time limit, the English words for every code main sends, and the copied report.
import { readdirSync, readFileSync } from 'node:fs'
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoctorReport, RegistryEntry } from '@shared/contract'
import { runDoctor, runsHere } from '../../src/main/doctor'
import { checkAddress } from '../../src/main/doctor/steps/address'
import type { DoctorContext } from '../../src/main/doctor/context'
import { createI18n } from '@shared/i18n/translator'
import { knownCodes, reportText, words } from '../../src/renderer/src/features/registries/doctorText'

const en = createI18n('en').t
const zh = createI18n('zh-CN').t

const entry = (address: string, scheme: 'http' | 'https' = 'http'): RegistryEntry => ({ id: 'r1', name: 'Team', address, scheme })
const ctxOf = (address: string, scheme: 'http' | 'https' = 'http'): DoctorContext => ({ entry: entry(address, scheme), deps: {}, timeoutMs: 1000, cleanup: [] })

describe('doctor: address step', () => {
  it.each([
    ['127.0.0.1:5000', 'ok address.ok', { host: '127.0.0.1', port: 5000, defaultPort: false }],
    ['registry.example.com', 'ok address.ok', { host: 'registry.example.com', port: 80, defaultPort: true }],
    ['[::1]:5000', 'ok address.ok', { host: '::1', port: 5000, defaultPort: false }],
    ['::1', 'failed address.ipv6NoBrackets', { address: '::1' }],
    ['[zz]:5000', 'failed address.badIpv6', { address: '[zz]:5000' }],
    ['host:99999', 'failed address.badPort', { address: 'host:99999', port: '99999' }],
    ['-bad-:5000', 'failed address.badHost', { address: '-bad-:5000', host: '-bad-' }]
  ])('%s → %s', async (address, expected, params) => {
    const out = await checkAddress(ctxOf(address))
    expect(`${out.verdict} ${out.seen.code}`).toBe(expected)
    expect(out.seen.params).toEqual(params)
    if (out.verdict === 'failed') expect(out.fix).toBeDefined()
  })

  it('the default port follows the stored scheme', async () => {
    expect((await checkAddress(ctxOf('registry.example.com', 'https'))).seen.params).toMatchObject({ port: 443 })
  })
})

describe('doctor: where the engine runs', () => {
  it.each([
    ['unix:///var/run/docker.sock', true],
    ['npipe:////./pipe/docker_engine', true],
    ['tcp://127.0.0.1:2375', true],
    ['tcp://localhost:2375', true],
    ['tcp://10.0.0.5:2376', false],
    ['ssh://me@build-box', false]
  ])('%s → on this machine: %s', (endpoint, here) => {
    expect(runsHere(endpoint)).toBe(here)
  })
})

describe('doctor: runner', () => {
  // Accepts TCP and never says a word: the TLS handshake waits until its limit.
  let silent: Server
  const sockets: Socket[] = []
  beforeAll(async () => {
    silent = createServer((s) => sockets.push(s))
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r))
  })
  afterAll(async () => {
    sockets.forEach((s) => s.destroy())
    await new Promise((r) => silent.close(r))
  })

  it('a silent port: TCP passes, TLS fails within its limit, the rest skip, and every step is reported once', async () => {
    const port = (silent.address() as AddressInfo).port
    const seen: string[] = []
    const r = await runDoctor(entry(`127.0.0.1:${port}`), {}, { runId: 'x', stepTimeoutMs: 700, onStep: (s) => seen.push(s.id) })
    expect(r.steps.map((s) => `${s.verdict} ${s.seen.code}`)).toEqual([
      'ok address.ok',
      'ok resolve.literal',
      'ok tcp.ok',
      'failed tls.failed',
      'skipped skipped.after',
      'skipped skipped.after',
      'skipped skipped.after',
      'skipped skipped.after',
      'skipped engine.none'
    ])
    expect(seen).toEqual(['address', 'resolve', 'tcp', 'tls', 'registry', 'auth', 'catalog', 'deletes', 'engine'])
  })
})

describe('doctor: words and report', () => {
  // Every code main can send, found in the step sources: ok('x.y'…), failed('x.y', …, 'x.yFix'…), skipped('x.y'…).
  const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(join(dir, d.name)) : [readFileSync(join(dir, d.name), 'utf8')]))
  const text = sources(join(__dirname, '../../src/main/doctor')).join('\n')
  const seenCodes = [...text.matchAll(/\b(?:ok|skipped|failed)\('([a-z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!)
  const fixCodes = [...text.matchAll(/failed\('[a-zA-Z.]+',[^\n]*?, '([a-z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!)

  it('has English words for every code the steps send', () => {
    expect(seenCodes.length).toBeGreaterThan(40)
    expect(fixCodes.length).toBeGreaterThan(20)
    expect([...new Set(seenCodes)].filter((c) => !knownCodes.seen.includes(c))).toEqual([])
    expect([...new Set(fixCodes)].filter((c) => !knownCodes.fix.includes(c))).toEqual([])
  })

  it('words the engine fix with the exact snippet', () => {
    const snippet = '{\n  "insecure-registries": ["10.1.2.3:5000"]\n}'
    const fix = words(en, { code: 'engine.allowHttpFix', params: { where: '/etc/docker/daemon.json', snippet, restart: 'Run `sudo systemctl reload docker`.', address: '10.1.2.3:5000' } }, 'fix')
    expect(fix).toContain('/etc/docker/daemon.json')
    expect(fix).toContain('"insecure-registries": ["10.1.2.3:5000"]')
    // Main also sends the catalog keys of where and how to restart: the user's language wins.
    const zhFix = words(zh, { code: 'engine.allowHttpFix', params: { where: 'x', whereKey: 'advice.where.linux', snippet, restart: 'y', restartKey: 'advice.restart.linux', address: '10.1.2.3:5000' } }, 'fix')
    expect(zhFix).toContain(zh('advice.where.linux'))
    expect(zhFix).toContain(zh('advice.restart.linux'))
    expect(zhFix).toContain('"insecure-registries": ["10.1.2.3:5000"]')
  })

  it('words every code in both languages, none left as its raw code', () => {
    for (const t of [en, zh]) {
      for (const code of knownCodes.seen) expect(words(t, { code, params: { step: 'tcp', count: 2 } })).not.toMatch(/doctor\.|^[a-z]+\.[a-zA-Z]+ \{/)
      for (const code of knownCodes.fix) expect(words(t, { code, params: {} }, 'fix')).not.toMatch(/doctor\.|^[a-z]+\.[a-zA-Z]+ \{/)
    }
  })

  it('the copied report names each step, its verdict, what was seen and the fix', () => {
    const report: DoctorReport = {
      runId: 'x',
      registryId: 'r1',
      name: 'Team',
      address: '127.0.0.1:5999',
      scheme: 'http',
      stepTimeoutMs: 5000,
      startedAt: Date.UTC(2026, 11, 1, 12, 0, 0),
      steps: [
        { id: 'address', verdict: 'ok', seen: { code: 'address.ok', params: { host: '127.0.0.1', port: 5999, defaultPort: false } }, ms: 0 },
        { id: 'resolve', verdict: 'ok', seen: { code: 'resolve.literal', params: { addresses: ['127.0.0.1'] } }, ms: 0 },
        { id: 'tcp', verdict: 'failed', seen: { code: 'tcp.refused', params: { address: '127.0.0.1', port: 5999 } }, fix: { code: 'tcp.refusedFix', params: { port: 5999 } }, ms: 1 },
        { id: 'tls', verdict: 'skipped', seen: { code: 'skipped.after', params: { step: 'tcp' } }, ms: 0 }
      ]
    }
    const text = reportText(en, report)
    expect(text.split('\n')).toEqual([
      'Berth registry check: Team (127.0.0.1:5999)',
      'Stored scheme: HTTP',
      'Run at 2026-12-01T12:00:00.000Z; each step limited to 5 s',
      '',
      '1. ✓ Address: Host 127.0.0.1, port 5999.',
      '2. ✓ Name resolution: An IP address, nothing to resolve: 127.0.0.1.',
      '3. ✗ TCP connection: Connection refused at 127.0.0.1 port 5999: nothing listens there.',
      '   Fix: Is the registry running (docker ps, or start its container)? Is 5999 the port it publishes (docker port CONTAINER)?',
      '4. – TLS: Skipped: needs the TCP connection step to pass first.'
    ])
    expect(reportText(zh, report).split('\n')).toEqual([
      'Berth 镜像仓库检查：Team（127.0.0.1:5999）',
      '保存的协议：HTTP',
      '运行于 2026-12-01T12:00:00.000Z；每一步限时 5 秒',
      '',
      '1. ✓ 地址：主机 127.0.0.1，端口 5999。',
      '2. ✓ 域名解析：这是 IP 地址，无需解析：127.0.0.1。',
      '3. ✗ TCP 连接：127.0.0.1 的端口 5999 拒绝连接：那里没有程序在监听。',
      '   解决办法：镜像仓库在运行吗（docker ps，或启动它的容器）？5999 是它发布的端口吗（docker port CONTAINER）？',
      '4. – TLS：已跳过：需要先通过“TCP 连接”这一步。'
    ])
  })
})
