// The doctor's codes in the user's language (main sends code + params; the catalogs word them
// under doctor.*), and the plain-text report that "Copy report" puts on the clipboard. Every
// function takes the translator, so the words follow the language and unit tests need no DOM.
import type { TFunction } from 'i18next'
import type { DoctorMessage, DoctorParams, DoctorReport, DoctorStep, DoctorStepId } from '@shared/contract'

export const VERDICT_MARK = { ok: '✓', failed: '✗', skipped: '–' } as const

export function stepTitle(t: TFunction, id: DoctorStepId | string): string {
  const titles: Record<DoctorStepId, string> = {
    address: t('doctor.step.address'),
    resolve: t('doctor.step.resolve'),
    tcp: t('doctor.step.tcp'),
    tls: t('doctor.step.tls'),
    registry: t('doctor.step.registry'),
    auth: t('doctor.step.auth'),
    catalog: t('doctor.step.catalog'),
    deletes: t('doctor.step.deletes'),
    engine: t('doctor.step.engine')
  }
  return titles[id as DoctorStepId] ?? id
}

type Words = (t: TFunction, p: DoctorParams) => string
const s = (v: DoctorParams[string] | undefined): string => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v))
/** Sentences side by side: a space between English ones, none between Chinese ones. */
const sentences = (t: TFunction, ...parts: string[]): string => parts.filter(Boolean).join(t('doctor.sentenceGap'))
const authName = (t: TFunction, p: DoctorParams): string => (p.auth === 'bearer' ? t('doctor.authKind.bearer') : p.auth === 'basic' ? t('doctor.authKind.basic') : t('doctor.authKind.unknown'))

function engineWhere(t: TFunction, p: DoctorParams): string {
  return sentences(
    t,
    p.local ? t('doctor.seen.engine.here', { endpoint: s(p.endpoint) }) : t('doctor.seen.engine.elsewhere', { endpoint: s(p.endpoint) }),
    p.loopbackElsewhere ? t('doctor.seen.engine.loopback') : '',
    Array.isArray(p.mirrors) && p.mirrors.length ? t('doctor.seen.engine.mirrors', { mirrors: p.mirrors.join(', ') }) : t('doctor.seen.engine.noMirrors')
  )
}

const SEEN: Record<string, Words> = {
  'skipped.after': (t, p) => t('doctor.seen.skippedAfter', { step: stepTitle(t, s(p.step)) }),
  'step.timeout': (t, p) => t('doctor.seen.timeout', { seconds: s(p.seconds) }),
  'step.error': (t, p) => t('doctor.seen.error', { error: s(p.error) }),
  'address.ok': (t, p) => t(p.defaultPort ? 'doctor.seen.address.okDefault' : 'doctor.seen.address.ok', { host: s(p.host), port: s(p.port) }),
  'address.badIpv6': (t, p) => t('doctor.seen.address.badIpv6', { address: s(p.address) }),
  'address.ipv6NoBrackets': (t, p) => t('doctor.seen.address.ipv6NoBrackets', { address: s(p.address) }),
  'address.badHost': (t, p) => t('doctor.seen.address.badHost', { host: s(p.host) }),
  'address.badPort': (t, p) => t('doctor.seen.address.badPort', { port: s(p.port) }),
  'resolve.literal': (t, p) => t('doctor.seen.resolve.literal', { addresses: s(p.addresses) }),
  'resolve.ok': (t, p) => t('doctor.seen.resolve.ok', { host: s(p.host), addresses: s(p.addresses) }),
  'resolve.none': (t, p) => t('doctor.seen.resolve.none', { host: s(p.host) }),
  'resolve.failed': (t, p) => t('doctor.seen.resolve.failed', { host: s(p.host), error: s(p.error) }),
  'tcp.ok': (t, p) => t('doctor.seen.tcp.ok', { address: s(p.address), port: s(p.port) }),
  'tcp.refused': (t, p) => t('doctor.seen.tcp.refused', { address: s(p.address), port: s(p.port) }),
  'tcp.timeout': (t, p) => t('doctor.seen.tcp.timeout', { address: s(p.address), port: s(p.port) }),
  'tcp.unreachable': (t, p) => t('doctor.seen.tcp.unreachable', { address: s(p.address), error: s(p.error) }),
  'tcp.failed': (t, p) => t('doctor.seen.tcp.failed', { address: s(p.address), port: s(p.port), error: s(p.error) }),
  'tls.caFileUnreadable': (t, p) => t('doctor.seen.tls.caFileUnreadable', { error: s(p.error) }),
  'tls.plainHttp': (t, p) => sentences(t, t('doctor.seen.tls.plainHttp'), p.stored === 'https' ? t('doctor.seen.tls.switchToHttp') : ''),
  'tls.failed': (t, p) => t('doctor.seen.tls.failed', { error: s(p.error) }),
  'tls.notVerified': (t, p) => t('doctor.seen.tls.notVerified', { error: s(p.error) }),
  'tls.ok': (t, p) =>
    sentences(
      t,
      t(p.caFile ? 'doctor.seen.tls.okWithCa' : 'doctor.seen.tls.ok', { protocol: s(p.protocol), subject: s(p.subject), issuer: s(p.issuer), validTo: s(p.validTo) }),
      p.stored === 'http' ? t('doctor.seen.tls.switchToHttps') : ''
    ),
  'tls.wrongHost': (t, p) => t('doctor.seen.tls.wrongHost', { names: s(p.altNames) || s(p.subject), host: s(p.host) }),
  'tls.expired': (t, p) => t('doctor.seen.tls.expired', { validTo: s(p.validTo) }),
  'tls.notYetValid': (t) => t('doctor.seen.tls.notYetValid'),
  'tls.untrusted': (t, p) => t(p.caFile ? 'doctor.seen.tls.untrustedWithCa' : 'doctor.seen.tls.untrusted', { subject: s(p.subject), issuer: s(p.issuer), error: s(p.error) }),
  'tls.rejected': (t, p) => t('doctor.seen.tls.rejected', { error: s(p.error) }),
  'registry.noAnswer': (t, p) => t('doctor.seen.registry.noAnswer', { error: s(p.error) }),
  'registry.ok': (t, p) => t('doctor.seen.registry.ok', { status: p.apiVersion ? `${s(p.status)}, ${s(p.apiVersion)}` : s(p.status), scheme: s(p.scheme).toUpperCase() }),
  'registry.challenge': (t, p) => t('doctor.seen.registry.challenge', { scheme: s(p.scheme).toUpperCase(), auth: authName(t, p) }),
  'registry.notRegistry': (t, p) =>
    t('doctor.seen.registry.notRegistry', { answer: [`HTTP ${s(p.status)}`, p.server ? `Server: ${s(p.server)}` : '', p.contentType ? s(p.contentType) : ''].filter(Boolean).join(', ') }),
  'auth.anonymous': (t) => t('doctor.seen.auth.anonymous'),
  'auth.unsupported': (t) => t('doctor.seen.auth.unsupported'),
  'auth.needed': (t, p) => t('doctor.seen.auth.needed', { auth: authName(t, p) }),
  'auth.signedIn': (t, p) =>
    t(p.auth === 'bearer' ? (p.username ? 'doctor.seen.auth.signedInTokenAs' : 'doctor.seen.auth.signedInToken') : p.username ? 'doctor.seen.auth.signedInAs' : 'doctor.seen.auth.signedIn', {
      auth: authName(t, p),
      username: s(p.username)
    }),
  'auth.anonymousToken': (t) => t('doctor.seen.auth.anonymousToken'),
  'auth.denied': (t, p) => t(p.username ? 'doctor.seen.auth.deniedUser' : 'doctor.seen.auth.denied', { username: s(p.username) }),
  'auth.tokenFailed': (t, p) => t('doctor.seen.auth.tokenFailed', { error: s(p.error) }),
  'auth.failed': (t, p) => t('doctor.seen.auth.failed', { error: s(p.error) }),
  'catalog.ok': (t, p) => t(p.more ? 'doctor.seen.catalog.okMore' : 'doctor.seen.catalog.ok', { count: Number(p.count) || 0 }),
  'catalog.notJson': (t) => t('doctor.seen.catalog.notJson'),
  'catalog.refused': (t, p) => t('doctor.seen.catalog.refused', { status: s(p.status) }),
  'catalog.failed': (t, p) => t('doctor.seen.catalog.failed', { error: s(p.error) }),
  'deletes.enabled': (t) => t('doctor.seen.deletes.enabled'),
  'deletes.off': (t, p) => t('doctor.seen.deletes.off', { status: s(p.status), code: s(p.registryCode) }),
  'deletes.denied': (t, p) => t('doctor.seen.deletes.denied', { status: s(p.status) }),
  'deletes.failed': (t, p) => t('doctor.seen.deletes.failed', { error: s(p.error) }),
  'engine.none': (t) => t('doctor.seen.engine.none'),
  'engine.https': (t, p) =>
    sentences(t, t('doctor.seen.engine.https', { engine: s(p.engine) }), engineWhere(t, p), p.certsDir ? t('doctor.seen.engine.certsDir', { dir: s(p.certsDir) }) : ''),
  'engine.acceptsHttp': (t, p) => sentences(t, t('doctor.seen.engine.acceptsHttp', { engine: s(p.engine) }), engineWhere(t, p)),
  'engine.refusesHttp': (t, p) => sentences(t, t('doctor.seen.engine.refusesHttp', { engine: s(p.engine), address: s(p.address) }), engineWhere(t, p))
}

const FIX: Record<string, Words> = {
  'step.timeoutFix': (t) => t('doctor.fix.timeout'),
  'step.errorFix': (t) => t('doctor.fix.error'),
  'address.fix': (t) => t('doctor.fix.address'),
  'address.ipv6Fix': (t, p) => t('doctor.fix.ipv6', { example: s(p.example) }),
  'resolve.fix': (t, p) => t('doctor.fix.resolve', { host: s(p.host) }),
  'tcp.refusedFix': (t, p) => t('doctor.fix.tcpRefused', { port: s(p.port) }),
  'tcp.timeoutFix': (t, p) => t('doctor.fix.tcpTimeout', { port: s(p.port) }),
  'tls.caFileFix': (t, p) => t('doctor.fix.caFile', { file: s(p.file) }),
  'tls.failedFix': (t, p) => t('doctor.fix.tlsFailed', { port: s(p.port) }),
  'tls.wrongHostFix': (t, p) => t('doctor.fix.wrongHost', { host: s(p.host) }),
  'tls.expiredFix': (t) => t('doctor.fix.expired'),
  'tls.trustFix': (t, p) => t(p.caFile ? 'doctor.fix.trustOtherCa' : 'doctor.fix.trust', { address: s(p.address) }),
  'registry.noAnswerFix': (t) => t('doctor.fix.noAnswer'),
  'registry.notRegistryFix': (t, p) => t('doctor.fix.notRegistry', { address: s(p.address) }),
  'auth.unsupportedFix': (t) => t('doctor.fix.authUnsupported'),
  'auth.signInFix': (t, p) => t('doctor.fix.signIn', { address: s(p.address) }),
  'auth.deniedFix': (t, p) => t(p.username ? 'doctor.fix.deniedUser' : 'doctor.fix.denied', { username: s(p.username), address: s(p.address) }),
  'auth.tokenFix': (t, p) => t('doctor.fix.token', { address: s(p.address) }),
  'catalog.openByName': (t) => t('doctor.fix.openByName'),
  'deletes.enableFix': (t) => t('doctor.fix.enableDeletes'),
  'deletes.deniedFix': (t) => t('doctor.fix.deletesDenied'),
  'engine.allowHttpFix': (t, p) =>
    t('doctor.fix.allowHttp', { where: p.whereKey ? t(s(p.whereKey)) : s(p.where), snippet: s(p.snippet), restart: p.restartKey ? t(s(p.restartKey)) : s(p.restart) })
}

export function words(t: TFunction, m: DoctorMessage | undefined, dictionary: 'seen' | 'fix' = 'seen'): string {
  if (!m) return ''
  const w = (dictionary === 'seen' ? SEEN : FIX)[m.code]
  return w ? w(t, m.params ?? {}) : `${m.code} ${JSON.stringify(m.params ?? {})}`
}

export const seenText = (t: TFunction, step: DoctorStep): string => words(t, step.seen, 'seen')
export const fixText = (t: TFunction, step: DoctorStep): string => words(t, step.fix, 'fix')

/** Every code the dictionaries word (a unit test checks main sends no other). */
export const knownCodes = { seen: Object.keys(SEEN), fix: Object.keys(FIX) }

/** The whole result as plain text, to paste into a chat. Params never hold secrets. */
export function reportText(t: TFunction, r: DoctorReport): string {
  const lines = [
    t('doctor.report.title', { name: r.name, address: r.address }),
    r.schemeFound ? t('doctor.report.schemeFound', { stored: r.scheme.toUpperCase(), found: r.schemeFound.toUpperCase() }) : t('doctor.report.scheme', { stored: r.scheme.toUpperCase() }),
    t('doctor.report.runAt', { at: new Date(r.startedAt).toISOString(), seconds: r.stepTimeoutMs / 1000 }),
    ''
  ]
  r.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${VERDICT_MARK[step.verdict]} ${t('doctor.report.step', { title: stepTitle(t, step.id), seen: seenText(t, step) })}`)
    if (step.fix) lines.push(...t('doctor.report.fix', { fix: fixText(t, step) }).split('\n').map((l) => `   ${l}`))
  })
  return lines.join('\n')
}
