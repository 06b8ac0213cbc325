// Does a registry answer TLS or plain HTTP? One TLS handshake tells: a plain-HTTP server
// answers the ClientHello with an HTTP error, which OpenSSL reports as "wrong version number".
// Only the handshake happens; nothing is sent to the registry.
import { isIP } from 'node:net'
import tls from 'node:tls'
import { splitHostPort } from './insecure'
import type { RegistryScheme } from '@shared/contract/registryTypes'

export type ProbedScheme = RegistryScheme | 'unknown'

const PLAIN_HTTP = /wrong version number|packet length too long|http request|unknown protocol/i

export function probeScheme(address: string, timeoutMs = 2500): Promise<ProbedScheme> {
  const { host, port } = splitHostPort(address)
  return new Promise((resolve) => {
    let settled = false
    const finish = (scheme: ProbedScheme): void => {
      if (settled) return
      settled = true
      socket.destroy()
      resolve(scheme)
    }
    const socket = tls.connect({
      host,
      port: port ?? 443,
      // We only want to know whether TLS is spoken; trust is the engine's business.
      rejectUnauthorized: false,
      ...(isIP(host) ? {} : { servername: host }),
      ALPNProtocols: ['http/1.1']
    })
    socket.setTimeout(timeoutMs, () => finish('unknown'))
    socket.once('secureConnect', () => finish('https'))
    socket.once('error', (e: NodeJS.ErrnoException) => finish(PLAIN_HTTP.test(`${e.code ?? ''} ${e.message}`) ? 'http' : 'unknown'))
  })
}
