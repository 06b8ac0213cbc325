// Step 4: TLS. The certificate is checked the way Berth's client checks it (system roots plus
// the registry's CA file), or the port turns out to speak plain HTTP. Only the handshake runs.
import { isIP } from 'node:net'
import tls from 'node:tls'
import { isBerthError } from '@shared/contract/errors'
import { readCa, trustedRoots } from '../../registry/tls'
import { errorCode, errorText, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

const PLAIN_HTTP = /wrong version number|packet length too long|http request|unknown protocol/i
const UNTRUSTED = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED', 'INVALID_CA', 'CERT_SIGNATURE_FAILURE'])

interface Handshake {
  plainHttp?: boolean
  error?: string
  authorized?: boolean
  authorizationError?: string
  cert?: tls.PeerCertificate
  protocol?: string
}

export async function checkTls(ctx: DoctorContext): Promise<StepOutcome> {
  const { reached, host, port, entry } = ctx
  if (!reached || !host || port === undefined) return skipped('skipped.after', { step: 'tcp' })
  let ca: string[] | undefined
  if (entry.caFile) {
    try {
      ca = [...trustedRoots(), await readCa(entry.caFile)]
    } catch (e) {
      ctx.schemeFound = 'https'
      ctx.httpUsable = false
      return failed('tls.caFileUnreadable', { file: entry.caFile, error: isBerthError(e) ? e.message : errorText(e) }, 'tls.caFileFix', { file: entry.caFile })
    }
  }
  const h = await handshake(reached, host, port, ca, ctx.timeoutMs - 100)
  if (h.plainHttp) {
    ctx.schemeFound = 'http'
    ctx.httpUsable = true
    return ok('tls.plainHttp', { stored: entry.scheme })
  }
  if (h.error) {
    ctx.httpUsable = false
    return failed('tls.failed', { error: h.error }, 'tls.failedFix', { port })
  }
  ctx.schemeFound = 'https'
  const cert = certParams(h.cert)
  const code = h.authorizationError
  if (h.authorized || entry.insecureSkipVerify) {
    ctx.httpUsable = true
    if (!h.authorized) return ok('tls.notVerified', { ...cert, error: code ?? '' })
    return ok('tls.ok', { ...cert, protocol: h.protocol ?? '', caFile: entry.caFile ?? '', stored: entry.scheme })
  }
  ctx.httpUsable = false
  const target = { address: entry.address, host }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return failed('tls.wrongHost', { ...cert, ...target }, 'tls.wrongHostFix', target)
  if (code === 'CERT_HAS_EXPIRED') return failed('tls.expired', cert, 'tls.expiredFix', target)
  if (code === 'CERT_NOT_YET_VALID') return failed('tls.notYetValid', cert, 'tls.expiredFix', target)
  if (code && UNTRUSTED.has(code)) return failed('tls.untrusted', { ...cert, error: code, caFile: entry.caFile ?? '' }, 'tls.trustFix', { address: entry.address, caFile: entry.caFile ?? '' })
  return failed('tls.rejected', { ...cert, error: code ?? 'unknown' }, 'tls.trustFix', { address: entry.address, caFile: entry.caFile ?? '' })
}

function handshake(address: string, host: string, port: number, ca: string[] | undefined, timeoutMs: number): Promise<Handshake> {
  return new Promise((resolve) => {
    // Verification is judged below from authorized/authorizationError, so the certificate can be shown.
    // servername: the certificate must match the name the user typed, not the address TCP reached.
    const socket = tls.connect({ host: address, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, ca, ALPNProtocols: ['http/1.1'] })
    const done = (h: Handshake): void => {
      socket.destroy()
      resolve(h)
    }
    socket.setTimeout(Math.max(500, timeoutMs), () => done({ error: 'no TLS answer in time' }))
    socket.once('secureConnect', () => {
      // Node puts the failed check's code here (a string, whatever the typings say), host name included.
      const authorizationError = socket.authorized ? undefined : String(socket.authorizationError as unknown)
      done({ authorized: socket.authorized, authorizationError, cert: socket.getPeerCertificate(), protocol: socket.getProtocol() ?? undefined })
    })
    socket.once('error', (e) => {
      const text = `${errorCode(e) ?? ''} ${errorText(e)}`
      done(PLAIN_HTTP.test(text) ? { plainHttp: true } : { error: text.trim() })
    })
  })
}

function certParams(cert: tls.PeerCertificate | undefined): Record<string, string> {
  if (!cert || !cert.subject) return {}
  return {
    subject: String(cert.subject.CN ?? ''),
    issuer: String(cert.issuer?.CN ?? ''),
    validTo: cert.valid_to ?? '',
    altNames: cert.subjectaltname ?? ''
  }
}
