// One keep-alive connection pool per registry client. The CA file is added to the trusted
// roots (not instead of them), so a registry behind a public CA keeps working too.
import { readFile } from 'node:fs/promises'
import tls from 'node:tls'
import { Agent } from 'undici'
import { BerthError } from '@shared/contract/errors'
import { m } from '@shared/i18n/message'

export interface AgentOptions {
  caFile?: string
  insecureSkipVerify?: boolean
  /** Parallel connections per origin; requests beyond it queue on kept-alive sockets. */
  connections?: number
  timeoutMs?: number
}

export async function createAgent(opts: AgentOptions): Promise<Agent> {
  const timeout = opts.timeoutMs ?? 30_000
  const connect: tls.ConnectionOptions & { timeout?: number } = { timeout: Math.min(timeout, 10_000) }
  if (opts.insecureSkipVerify) connect.rejectUnauthorized = false
  if (opts.caFile) connect.ca = [...trustedRoots(), await readCa(opts.caFile)]
  return new Agent({
    connections: opts.connections ?? 32,
    keepAliveTimeout: 10_000,
    headersTimeout: timeout,
    bodyTimeout: timeout,
    connect
  })
}

export async function readCa(file: string): Promise<string> {
  let pem: string
  try {
    pem = await readFile(file, 'utf8')
  } catch (e) {
    throw new BerthError('INVALID_INPUT', m('errors.tls.caUnreadable', { file, reason: (e as NodeJS.ErrnoException).code ?? 'error' }), m('hints.tls.choosePem'))
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new BerthError('INVALID_INPUT', m('errors.tls.noPem', { file }), m('hints.tls.pemFormat'))
  }
  return pem
}

/** Node's bundled roots plus, where this Node can read them, the OS store and NODE_EXTRA_CA_CERTS. */
export function trustedRoots(): string[] {
  const get = (tls as unknown as { getCACertificates?: (kind: string) => string[] }).getCACertificates
  if (!get) return [...tls.rootCertificates]
  const roots = new Set<string>()
  for (const kind of ['default', 'system']) {
    try {
      for (const c of get(kind)) roots.add(c)
    } catch {
      // 'system' is not readable everywhere; the bundled roots still apply.
    }
  }
  return roots.size ? [...roots] : [...tls.rootCertificates]
}
