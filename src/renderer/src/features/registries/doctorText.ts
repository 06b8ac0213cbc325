// English words for the doctor's codes (main sends code + params, so a translation replaces
// only this file), and the plain-text report that "Copy report" puts on the clipboard.
import type { DoctorMessage, DoctorParams, DoctorReport, DoctorStep, DoctorStepId } from '@shared/contract'

export const STEP_TITLES: Record<DoctorStepId, string> = {
  address: 'Address',
  resolve: 'Name resolution',
  tcp: 'TCP connection',
  tls: 'TLS',
  registry: 'Registry API (GET /v2/)',
  auth: 'Sign-in',
  catalog: 'Repository list (_catalog)',
  deletes: 'Deletes',
  engine: 'The engine’s view'
}

export const VERDICT_MARK = { ok: '✓', failed: '✗', skipped: '–' } as const

type Words = (p: DoctorParams) => string
const s = (v: DoctorParams[string] | undefined): string => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v))
const authName = (p: DoctorParams): string => (p.auth === 'bearer' ? 'Bearer token' : p.auth === 'basic' ? 'Basic' : 'an unknown kind of')

function engineWhere(p: DoctorParams): string {
  const where = p.local ? `It runs on this machine (${s(p.endpoint)}).` : `It runs on another machine (${s(p.endpoint)}).`
  const loop = p.loopbackElsewhere ? ' So 127.0.0.1 means the engine’s host there, not this computer.' : ''
  const mirrors = Array.isArray(p.mirrors) && p.mirrors.length ? ` Registry mirrors: ${p.mirrors.join(', ')}.` : ' No registry mirrors.'
  return `${where}${loop}${mirrors}`
}

const SEEN: Record<string, Words> = {
  'skipped.after': (p) => `Skipped: needs the ${STEP_TITLES[p.step as DoctorStepId] ?? s(p.step)} step to pass first.`,
  'step.timeout': (p) => `No answer within ${s(p.seconds)} s.`,
  'step.error': (p) => `The check itself failed: ${s(p.error)}`,
  'address.ok': (p) => `Host ${s(p.host)}, port ${s(p.port)}${p.defaultPort ? ' (the default for the scheme)' : ''}.`,
  'address.badIpv6': (p) => `"${s(p.address)}" has brackets but no valid IPv6 address in them.`,
  'address.ipv6NoBrackets': (p) => `"${s(p.address)}" looks like an IPv6 address without brackets.`,
  'address.badHost': (p) => `"${s(p.host)}" is not a host name or IP address.`,
  'address.badPort': (p) => `The port "${s(p.port)}" is not a number from 1 to 65535.`,
  'resolve.literal': (p) => `An IP address, nothing to resolve: ${s(p.addresses)}.`,
  'resolve.ok': (p) => `${s(p.host)} resolves to ${s(p.addresses)}.`,
  'resolve.none': (p) => `${s(p.host)} resolves to no address.`,
  'resolve.failed': (p) => `${s(p.host)} does not resolve (${s(p.error)}).`,
  'tcp.ok': (p) => `Connected to ${s(p.address)} port ${s(p.port)}.`,
  'tcp.refused': (p) => `Connection refused at ${s(p.address)} port ${s(p.port)}: nothing listens there.`,
  'tcp.timeout': (p) => `No answer from ${s(p.address)} port ${s(p.port)}: the connection timed out.`,
  'tcp.unreachable': (p) => `${s(p.address)} cannot be reached from here (${s(p.error)}).`,
  'tcp.failed': (p) => `The connection to ${s(p.address)} port ${s(p.port)} failed (${s(p.error)}).`,
  'tls.caFileUnreadable': (p) => `The CA file cannot be used: ${s(p.error)}`,
  'tls.plainHttp': (p) => `The port speaks plain HTTP, without TLS (no encryption).${p.stored === 'https' ? ' This registry is stored as HTTPS; Berth switches it to HTTP on its next check.' : ''}`,
  'tls.failed': (p) => `The TLS handshake failed: ${s(p.error)}.`,
  'tls.notVerified': (p) => `TLS works, but the certificate is not verified (skip verification is on; it would fail with ${s(p.error)}).`,
  'tls.ok': (p) => `TLS ${s(p.protocol)}; the certificate for ${s(p.subject)}, issued by ${s(p.issuer)}, is trusted${p.caFile ? ' (with the CA file)' : ''} and valid until ${s(p.validTo)}.${p.stored === 'http' ? ' This registry is stored as HTTP; Berth switches it to HTTPS on its next check.' : ''}`,
  'tls.wrongHost': (p) => `The certificate is for ${s(p.altNames) || s(p.subject)}, not for ${s(p.host)}.`,
  'tls.expired': (p) => `The certificate expired on ${s(p.validTo)}.`,
  'tls.notYetValid': () => `The certificate is not valid yet (check this computer's clock).`,
  'tls.untrusted': (p) => `The certificate (for ${s(p.subject)}, issued by ${s(p.issuer)}) is not signed by a trusted authority (${s(p.error)})${p.caFile ? ', not even with the CA file' : ''}.`,
  'tls.rejected': (p) => `The certificate is not accepted (${s(p.error)}).`,
  'registry.noAnswer': (p) => `No HTTP answer: ${s(p.error)}`,
  'registry.ok': (p) => `A registry answers (HTTP ${s(p.status)}${p.apiVersion ? `, ${s(p.apiVersion)}` : ''}) over ${s(p.scheme).toUpperCase()}.`,
  'registry.challenge': (p) => `A registry answers over ${s(p.scheme).toUpperCase()} and asks for ${authName(p)} sign-in.`,
  'registry.notRegistry': (p) => `Another web server answers here, not a registry: HTTP ${s(p.status)}${p.server ? `, Server: ${s(p.server)}` : ''}${p.contentType ? `, ${s(p.contentType)}` : ''}.`,
  'auth.anonymous': () => 'No sign-in needed: anyone may read.',
  'auth.unsupported': () => 'The registry asks for a kind of sign-in Berth does not support.',
  'auth.needed': (p) => `The registry wants ${authName(p)} sign-in, and Berth has no credentials for it.`,
  'auth.signedIn': (p) => `${authName(p)} sign-in works${p.username ? ` as ${s(p.username)}` : ''}${p.auth === 'bearer' ? ': the token service answered with a token' : ''}.`,
  'auth.anonymousToken': () => 'The token service gives an anonymous token: reading works without signing in.',
  'auth.denied': (p) => `The saved credentials${p.username ? ` of ${s(p.username)}` : ''} are refused.`,
  'auth.tokenFailed': (p) => `The token service did not give a token: ${s(p.error)}`,
  'auth.failed': (p) => `Sign-in failed: ${s(p.error)}`,
  'catalog.ok': (p) => `Allowed: ${s(p.count)} ${p.count === 1 ? 'repository' : 'repositories'} on the first page${p.more ? ', more follow' : ''}.`,
  'catalog.notJson': () => 'The registry answered, but not with a repository list.',
  'catalog.refused': (p) => `Refused (HTTP ${s(p.status)}). Many hosted registries never list their repositories.`,
  'catalog.failed': (p) => `Listing failed: ${s(p.error)}`,
  'deletes.enabled': () => 'Enabled (probed with a digest that does not exist; nothing was deleted).',
  'deletes.off': (p) => `Off: the registry answered ${s(p.status)} ${s(p.registryCode)} to a delete probe (nothing was deleted).`,
  'deletes.denied': (p) => `Not allowed for this account (HTTP ${s(p.status)}).`,
  'deletes.failed': (p) => `The delete probe failed: ${s(p.error)}`,
  'engine.none': () => 'No engine is connected, so its view is unknown.',
  'engine.https': (p) => `${s(p.engine)} talks HTTPS to registries: it will push here. ${engineWhere(p)}${p.certsDir ? ` The engine does not read Berth’s CA file: it needs the CA at ${s(p.certsDir)} on its host.` : ''}`,
  'engine.acceptsHttp': (p) => `${s(p.engine)} allows plain HTTP to this registry (127.0.0.0/8 or insecure-registries). ${engineWhere(p)}`,
  'engine.refusesHttp': (p) => `${s(p.engine)} will refuse to push to ${s(p.address)}: it speaks plain HTTP, and it is neither on 127.0.0.0/8 nor in the engine’s insecure-registries. ${engineWhere(p)}`
}

const FIX: Record<string, Words> = {
  'step.timeoutFix': () => 'A firewall may drop the packets, or the host is overloaded; check the address and the network, then run the check again.',
  'step.errorFix': () => 'Run the check again; if it keeps failing, report it with this text.',
  'address.fix': () => 'Edit the registry: use host or host:port, e.g. registry.example.com or 192.168.1.10:5000.',
  'address.ipv6Fix': (p) => `Put an IPv6 address in brackets, e.g. ${s(p.example)}.`,
  'resolve.fix': (p) => `Check the spelling of ${s(p.host)}, this computer's DNS, or add it to the hosts file; an IP address works too.`,
  'tcp.refusedFix': (p) => `Is the registry running (docker ps, or start its container)? Is ${s(p.port)} the port it publishes (docker port CONTAINER)?`,
  'tcp.timeoutFix': (p) => `A firewall may block port ${s(p.port)}, or the host is wrong or switched off; check both.`,
  'tls.caFileFix': (p) => `Edit the registry and choose a readable PEM file for the CA (now ${s(p.file)}).`,
  'tls.failedFix': (p) => `Check that port ${s(p.port)} is the registry's port and that its TLS setup works (certificate and key).`,
  'tls.wrongHostFix': (p) => `Add ${s(p.host)} to the certificate's subject alternative names, or reach the registry by a name the certificate has.`,
  'tls.expiredFix': () => 'Renew the registry certificate (and check the clocks).',
  'tls.trustFix': (p) =>
    `Trust the CA that signed it: in Berth, Edit → CA certificate file${p.caFile ? ' (the file set now is not that CA)' : ''}; or add it to the system store (Linux: copy to /usr/local/share/ca-certificates/ and run update-ca-certificates). The engine needs it too: /etc/docker/certs.d/${s(p.address)}/ca.crt.`,
  'registry.noAnswerFix': () => 'Check that the port is the registry itself, not another service.',
  'registry.notRegistryFix': (p) => `Check the port in ${s(p.address)}: the registry may listen on another one, or the proxy in front does not pass /v2/ through.`,
  'auth.unsupportedFix': () => 'Berth supports Basic and Bearer token sign-in.',
  'auth.signInFix': (p) => `Sign in: Edit → Credentials, or run docker login ${s(p.address)}.`,
  'auth.deniedFix': (p) => `Check the user name${p.username ? ` (${s(p.username)})` : ''} and password or token saved for ${s(p.address)}, and sign in again.`,
  'auth.tokenFix': (p) => `The token service named by ${s(p.address)} must be reachable from this computer; check the registry's auth settings (token realm).`,
  'catalog.openByName': () => 'Repositories can still be opened by their name on the registry page.',
  'deletes.enableFix': () => 'Start the registry with REGISTRY_STORAGE_DELETE_ENABLED=true (or storage.delete.enabled: true in its config.yml), then restart it.',
  'deletes.deniedFix': () => 'Sign in with an account that may delete.',
  'engine.allowHttpFix': (p) => `Add to ${s(p.where)}:\n${s(p.snippet)}\n(merge it into what is there). ${s(p.restart)} Or serve the registry over HTTPS.`
}

export function words(m: DoctorMessage | undefined, dictionary: 'seen' | 'fix' = 'seen'): string {
  if (!m) return ''
  const w = (dictionary === 'seen' ? SEEN : FIX)[m.code]
  return w ? w(m.params ?? {}) : `${m.code} ${JSON.stringify(m.params ?? {})}`
}

export const seenText = (step: DoctorStep): string => words(step.seen, 'seen')
export const fixText = (step: DoctorStep): string => words(step.fix, 'fix')

/** Every code the dictionaries word (a unit test checks main sends no other). */
export const knownCodes = { seen: Object.keys(SEEN), fix: Object.keys(FIX) }

/** The whole result as plain text, to paste into a chat. Params never hold secrets. */
export function reportText(r: DoctorReport): string {
  const lines = [
    `Berth registry check: ${r.name} (${r.address})`,
    `Stored scheme: ${r.scheme.toUpperCase()}${r.schemeFound ? `; the port speaks ${r.schemeFound.toUpperCase()}` : ''}`,
    `Run at ${new Date(r.startedAt).toISOString()}; each step limited to ${r.stepTimeoutMs / 1000} s`,
    ''
  ]
  r.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${VERDICT_MARK[step.verdict]} ${STEP_TITLES[step.id]}: ${seenText(step)}`)
    if (step.fix) lines.push(...`Fix: ${fixText(step)}`.split('\n').map((l) => `   ${l}`))
  })
  return lines.join('\n')
}
