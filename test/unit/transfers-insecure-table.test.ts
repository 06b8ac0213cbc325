// The insecure-registry decision for both engines, from /info payloads captured on real engines
// (test/fixtures/engine-info): will the engine speak plain HTTP to this registry, and if not,
// what exactly must the user change and where.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { httpRefusedError, insecureRegistryAdvice } from '../../src/main/transfers/daemonJson'
import { engineAllowsHttp, isPodmanInfo, type EngineInsecureInfo } from '../../src/main/transfers/insecure'
import { engineFacts } from '../../src/main/transfers/preflight'

type Info = EngineInsecureInfo & { OperatingSystem?: string; OSType?: string; SecurityOptions?: string[]; Rootless?: boolean }
const fixture = (name: string): Info => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/engine-info', `${name}.json`), 'utf8')) as Info

const docker = fixture('docker-20.10')
const podmanDefault = fixture('podman-4.3-default')
const podmanLoopback = fixture('podman-4.3-insecure-loopback')
const resolve = async (h: string): Promise<string[]> => ({ localhost: ['127.0.0.1'], 'nas.lan': ['192.168.1.20'] })[h] ?? [h]

describe('plain HTTP allowed? (captured /info of each engine)', () => {
  const table: [string, Info, string, boolean][] = [
    ['Docker', docker, '127.0.0.1:5000', true],
    ['Docker', docker, 'localhost:5000', true],
    ['Docker', docker, '127.0.0.1:34567', true],
    ['Docker', docker, '192.168.1.20:5000', false],
    ['Docker', docker, 'nas.lan:5000', false],
    ['Podman (out of the box)', podmanDefault, '127.0.0.1:5000', false],
    ['Podman (out of the box)', podmanDefault, 'localhost:5000', false],
    ['Podman (out of the box)', podmanDefault, '192.168.1.20:5000', false],
    // registries.conf location "127.0.0.1" (no port) covers every port of that host…
    ['Podman (127.0.0.1 insecure)', podmanLoopback, '127.0.0.1:5000', true],
    ['Podman (127.0.0.1 insecure)', podmanLoopback, '127.0.0.1:34567', true],
    ['Podman (127.0.0.1 insecure)', podmanLoopback, 'localhost:5000', true],
    // …but not a longer host that merely starts with it, and not other hosts.
    ['Podman (127.0.0.1 insecure)', podmanLoopback, '127.0.0.10:5000', false],
    ['Podman (127.0.0.1 insecure)', podmanLoopback, '192.168.1.20:5000', false]
  ]
  it.each(table)('%s → %s: %s', async (_engine, info, address, allowed) => {
    expect(await engineAllowsHttp(info, address, resolve)).toBe(allowed)
  })

  it('tells the engines apart by their /info', () => {
    expect(isPodmanInfo(docker)).toBe(false)
    expect(isPodmanInfo(podmanDefault)).toBe(true)
    expect(isPodmanInfo(podmanLoopback)).toBe(true)
  })

  it('Podman: the longest matching location wins, wildcards match subdomains, ports stay apart', async () => {
    const info: Info = {
      BuildahVersion: '1.28.2',
      RegistryConfig: {
        IndexConfigs: {
          'reg.example.com': { Secure: false },
          'reg.example.com:5443': { Secure: true },
          '*.lan': { Secure: false },
          'team.example.com:5000': { Secure: false }
        }
      }
    }
    expect(await engineAllowsHttp(info, 'reg.example.com:5000', resolve)).toBe(true)
    expect(await engineAllowsHttp(info, 'reg.example.com:5443', resolve)).toBe(false)
    expect(await engineAllowsHttp(info, 'nas.lan:5000', resolve)).toBe(true)
    expect(await engineAllowsHttp(info, 'team.example.com:5000', resolve)).toBe(true)
    expect(await engineAllowsHttp(info, 'team.example.com:5001', resolve)).toBe(false)
  })
})

describe('what to change when it is not allowed', () => {
  it('Docker: daemon.json with host:port, and no claim about Podman', () => {
    const err = httpRefusedError('192.168.1.20:5000', engineFacts(docker, 'Docker Engine'))
    expect(err.details).toMatchObject({ daemonJson: '/etc/docker/daemon.json', snippet: '{\n  "insecure-registries": ["192.168.1.20:5000"]\n}' })
    expect(err.message).toMatch(/not on its own machine/)
  })

  it('Podman: registries.conf [[registry]] for that very location, even for 127.0.0.1', () => {
    const err = httpRefusedError('127.0.0.1:5000', engineFacts(podmanDefault, undefined))
    expect(err.message).toBe('127.0.0.1:5000 speaks plain HTTP, and Podman talks only HTTPS to registries its registries.conf does not mark insecure (even on 127.0.0.1).')
    expect(err.message).not.toMatch(/not on this machine/)
    expect(err.details).toMatchObject({ daemonJson: '/etc/containers/registries.conf', snippet: '[[registry]]\nlocation = "127.0.0.1:5000"\ninsecure = true' })
    expect(err.hint).toMatch(/systemctl restart podman/)
  })

  it('Podman: rootless and Podman machine have their own file', () => {
    expect(insecureRegistryAdvice('127.0.0.1:5000', { ...engineFacts(podmanDefault, 'Podman'), Rootless: true }, 'linux').where).toMatch(/^~\/.config\/containers\/registries.conf/)
    const machine = insecureRegistryAdvice('127.0.0.1:5000', engineFacts(podmanDefault, 'Podman'), 'darwin')
    expect(machine.where).toMatch(/podman machine ssh/)
    expect(machine.restart).toMatch(/podman machine stop && podman machine start/)
  })
})
