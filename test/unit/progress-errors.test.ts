import { describe, expect, it } from 'vitest'
import { decodeDaemonError } from '../../src/main/engine/progress/errors'

describe('decodeDaemonError', () => {
  it('HTTP registry refused: exact daemon.json snippet, where the file lives, restart', () => {
    const msg = 'Get "https://192.168.1.20:5000/v2/": http: server gave HTTP response to HTTPS client'
    const e = decodeDaemonError(msg, { kind: 'push', registry: '192.168.1.20:5000' })
    expect(e.code).toBe('REGISTRY_HTTP_REFUSED')
    expect(e.hint).toContain('{"insecure-registries": ["192.168.1.20:5000"]}')
    expect(e.hint).toContain('/etc/docker/daemon.json')
    expect(e.hint).toContain('Settings → Docker Engine')
    expect(e.hint).toContain('~/.config/docker/daemon.json')
    expect(e.hint).toMatch(/restart/i)
    expect(e.details).toMatchObject({ snippet: '{"insecure-registries": ["192.168.1.20:5000"]}', registry: '192.168.1.20:5000', daemonMessage: msg })
  })

  it('HTTP registry refused: takes the host from the daemon message when no registry is given', () => {
    const e = decodeDaemonError('Get "https://reg.lan:8443/v2/": http: server gave HTTP response to HTTPS client', { kind: 'pull' })
    expect(e.details?.snippet).toBe('{"insecure-registries": ["reg.lan:8443"]}')
  })

  it.each([
    ['no basic auth credentials', 'AUTH_REQUIRED'],
    ['unauthorized: authentication required', 'AUTH_REQUIRED'],
    ['denied: requested access to the resource is denied', 'AUTH_DENIED'],
    ['Get "https://localhost:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', 'REGISTRY_UNREACHABLE'],
    ['Get "https://reg.invalid/v2/": dial tcp: lookup reg.invalid: no such host', 'REGISTRY_UNREACHABLE'],
    ['Patch "http://localhost:5000/v2/x/blobs/uploads/123": EOF', 'REGISTRY_UNREACHABLE'],
    ['read tcp 127.0.0.1:40000->127.0.0.1:5000: read: connection reset by peer', 'REGISTRY_UNREACHABLE'],
    ['Get "https://10.1.1.1:5000/v2/": dial tcp 10.1.1.1:5000: i/o timeout', 'REGISTRY_UNREACHABLE'],
    ['Get "https://reg.lan/v2/": tls: failed to verify certificate: x509: certificate signed by unknown authority', 'TLS_UNTRUSTED'],
    ['manifest for localhost:5000/x:nope not found: manifest unknown: manifest unknown', 'NOT_FOUND'],
    ['An image does not exist locally with the tag: localhost:5000/ghost', 'NOT_FOUND'],
    ['blob upload invalid: something odd', 'REGISTRY_ERROR']
  ])('%s → %s', (message, code) => {
    const e = decodeDaemonError(message, { kind: 'push', registry: 'localhost:5000' })
    expect(e.code).toBe(code)
    expect(e.message.length).toBeGreaterThan(0)
    expect(e.hint?.length).toBeGreaterThan(0)
    expect(e.details?.daemonMessage).toBe(message)
  })

  it('auth hints tell the user to enter credentials for that registry', () => {
    expect(decodeDaemonError('no basic auth credentials', { kind: 'push', registry: 'reg.lan:5000' }).hint).toMatch(/credentials for reg\.lan:5000/)
  })

  it('x509 hint points at certs.d for that host and says no restart is needed', () => {
    const e = decodeDaemonError('x509: certificate signed by unknown authority', { kind: 'pull', registry: 'reg.lan:5443' })
    expect(e.hint).toContain('/etc/docker/certs.d/reg.lan:5443/ca.crt')
    expect(e.hint).toMatch(/no engine restart/i)
  })

  it('Hub network failures during pull are HUB_UNREACHABLE with a mirror / tar hint', () => {
    for (const msg of [
      'Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving'
    ]) {
      const e = decodeDaemonError(msg, { kind: 'pull', registry: 'docker.io' })
      expect(e.code).toBe('HUB_UNREACHABLE')
      expect(e.hint).toMatch(/mirror/)
      expect(e.hint).toMatch(/tar/)
    }
    // The same text for a private registry is a plain unreachable registry.
    expect(decodeDaemonError('dial tcp 10.0.0.9:5000: i/o timeout', { kind: 'pull', registry: '10.0.0.9:5000' }).code).toBe('REGISTRY_UNREACHABLE')
  })

  it('a Hub pull of a missing or private repository is AUTH_DENIED with a pull hint', () => {
    const e = decodeDaemonError(
      "pull access denied for nosuch/thing, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
      { kind: 'pull', registry: 'docker.io' }
    )
    expect(e.code).toBe('AUTH_DENIED')
    expect(e.hint).toMatch(/may not exist/)
  })

  it('anything else keeps the daemon message verbatim', () => {
    const msg = 'received unexpected HTTP status: 500 Internal Server Error'
    const e = decodeDaemonError(msg, { kind: 'push', registry: 'localhost:5000' })
    expect(e.code).toBe('REGISTRY_ERROR')
    expect(e.details?.daemonMessage).toBe(msg)
    expect(e.message).toContain(msg)
  })
})
