// Sync sets' platform filter and typed mirror source: the filtered index is deterministic, keeps
// the attestations of kept platforms, and is the original when every platform is chosen.
import { describe, expect, it } from 'vitest'
import { hubEntry, mirrorSource, mirrorSourceError } from '@shared/contract/sync'
import { matchesPlatform, platformError } from '@shared/platformFilter'
import { filterIndex, filteredOrFail } from '../../src/main/copy/platforms'
import { sha256Digest } from '../../src/main/registry/manifests'
import type { Msg } from '@shared/i18n/message'
import { inEnglish } from '@shared/i18n/translator'

const english = (msg: Msg | null): string => (msg ? inEnglish(msg) : '')

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'
const d = (c: string): string => `sha256:${c.repeat(64)}`
const index = (manifests: unknown[]): { digest: string; mediaType: string; bytes: Buffer } => {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }, null, 2))
  return { digest: sha256Digest(bytes), mediaType: OCI_INDEX, bytes }
}
const amd = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d('a'), size: 500, platform: { os: 'linux', architecture: 'amd64' } }
const arm = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d('b'), size: 500, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }
const att = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: d('c'), size: 300, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': d('a') } }

describe('platform filter', () => {
  it('checks os/arch[/variant] and matches variants only when named', () => {
    expect(platformError('linux/amd64')).toBeNull()
    expect(platformError('linux/arm/v7')).toBeNull()
    expect(english(platformError('linux'))).toMatch(/os\/architecture/)
    expect(english(platformError('linux/amd64/v1/x'))).toMatch(/os\/architecture/)
    expect(matchesPlatform({ os: 'linux', architecture: 'arm', variant: 'v7' }, ['linux/arm'])).toBe(true)
    expect(matchesPlatform({ os: 'linux', architecture: 'arm', variant: 'v6' }, ['linux/arm/v7'])).toBe(false)
    expect(matchesPlatform({ os: 'Linux', architecture: 'AMD64' }, ['linux/amd64'])).toBe(true)
    expect(matchesPlatform(undefined, ['linux/amd64'])).toBe(false)
  })

  it('writes an index of the chosen platforms (and their attestations), the same bytes every time', () => {
    const src = index([amd, arm, att])
    const a = filterIndex(src, ['linux/amd64'])
    const b = filterIndex(src, ['linux/amd64'])
    expect(a.kept).toBe(1)
    expect(a.manifest.digest).not.toBe(src.digest)
    expect(a.manifest.digest).toBe(b.manifest.digest)
    expect(a.manifest.digest).toBe(sha256Digest(a.manifest.bytes))
    const doc = JSON.parse(a.manifest.bytes.toString('utf8')) as { manifests: { digest: string }[]; mediaType: string }
    expect(doc.manifests.map((m) => m.digest)).toEqual([d('a'), d('c')])
    expect(doc.mediaType).toBe(OCI_INDEX)
  })

  it('keeps the index byte for byte when every platform is chosen; none chosen is an error', () => {
    const src = index([amd, arm])
    expect(filterIndex(src, ['linux/amd64', 'linux/arm']).manifest).toBe(src)
    expect(filterIndex(src, ['windows/amd64']).kept).toBe(0)
    expect(() => filteredOrFail(src, ['windows/amd64'], 'library/x')).toThrow(/none of the platforms windows\/amd64/)
  })
})

describe('typed mirror source', () => {
  it('is an address (https unless http:// is typed); Docker Hub means its registry API host', () => {
    expect(mirrorSourceError('mirror.example.com')).toBeNull()
    expect(mirrorSourceError('mirror.example.com/path')).not.toBeNull()
    expect(mirrorSource('mirror.example.com')).toEqual({ id: 'mirror:mirror.example.com', name: 'mirror.example.com', address: 'mirror.example.com', scheme: 'https' })
    expect(mirrorSource('http://10.0.0.5:5000')).toMatchObject({ address: '10.0.0.5:5000', scheme: 'http' })
    expect(mirrorSource('docker.io')).toMatchObject({ address: 'registry-1.docker.io', scheme: 'https' })
  })

  it('names official images as Docker Hub does', () => {
    expect(hubEntry('nginx:1.27*')).toBe('library/nginx:1.27*')
    expect(hubEntry('bitnami/postgresql:16.*')).toBe('bitnami/postgresql:16.*')
    expect(hubEntry('redis')).toBe('library/redis:*')
  })
})
