// OCI layout rules and the import plan, on archives built in memory: names from annotations
// (full references, bare tags, none), blob paths, damaged or incomplete archives, docker save
// tars (links, missing layers), and the scan of a real tar file (./ prefixes, gzip).
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { pack } from 'tar-stream'
import { afterAll, describe, expect, it } from 'vitest'
import { blobPath, digestOfPath, indexFile, nameOf, parseIndex, REF_NAME } from '../../src/main/archive/ociLayout'
import { planImport } from '../../src/main/archive/plan'
import { scanArchive, type ArchiveScan } from '../../src/main/archive/scan'
import { inEnglish } from '../../src/shared/i18n/translator'

const sha = (b: Buffer | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
const json = (v: unknown): Buffer => Buffer.from(JSON.stringify(v))

function ociScan(refName?: string, extra: Partial<ArchiveScan> = {}): { scan: ArchiveScan; manifest: string } {
  const config = json({ architecture: 'amd64', os: 'linux' })
  const layer = Buffer.from('layer bytes')
  const manifest = json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: sha(config), size: config.length }, layers: [{ digest: sha(layer), size: layer.length }] })
  const index = json({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(manifest), size: manifest.length, ...(refName ? { annotations: { [REF_NAME]: refName } } : {}) }] })
  const scan: ArchiveScan = {
    index,
    layout: json({ imageLayoutVersion: '1.0.0' }),
    json: new Map([
      [sha(config), config],
      [sha(manifest), manifest]
    ]),
    blobs: new Map([
      [sha(config), config.length],
      [sha(manifest), manifest.length],
      [sha(layer), layer.length]
    ]),
    files: new Map(),
    ...extra
  }
  return { scan, manifest: sha(manifest) }
}

describe('OCI layout names and paths', () => {
  it('maps digests to blob paths and back, with or without ./', () => {
    const d = sha('x')
    expect(blobPath(d)).toBe(`blobs/sha256/${d.slice(7)}`)
    expect(digestOfPath(blobPath(d))).toBe(d)
    expect(digestOfPath(`./${blobPath(d)}`)).toBe(d)
    expect(digestOfPath('blobs/sha256/short')).toBeUndefined()
    expect(digestOfPath('blobs/sha256/../../etc/passwd')).toBeUndefined()
    expect(() => blobPath('latest')).toThrow()
  })

  it('reads names from ref.name and containerd annotations, dropping the registry host', () => {
    const d = { mediaType: 'x', digest: sha('x'), size: 1 }
    expect(nameOf({ ...d, annotations: { [REF_NAME]: 'team/app:1.0' } })).toEqual({ repository: 'team/app', tag: '1.0' })
    expect(nameOf({ ...d, annotations: { [REF_NAME]: '127.0.0.1:5000/team/app:1.0' } })).toEqual({ repository: 'team/app', tag: '1.0' })
    expect(nameOf({ ...d, annotations: { [REF_NAME]: 'v2' } })).toEqual({ repository: undefined, tag: 'v2' })
    expect(nameOf({ ...d, annotations: { [REF_NAME]: 'latest', 'io.containerd.image.name': 'docker.io/library/redis:latest' } })).toEqual({ repository: 'library/redis', tag: 'latest' })
    expect(nameOf(d)).toEqual({})
  })

  it('writes an index whose ref names read back to the same repository and tag', () => {
    const [entry] = parseIndex(indexFile([{ repository: 'team/app', tag: '1.0', mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha('m'), size: 3 }]))
    expect(nameOf(entry!)).toEqual({ repository: 'team/app', tag: '1.0' })
  })

  it('refuses an index that is not JSON, empty, or has an entry without a digest', () => {
    expect(() => parseIndex(Buffer.from('nope'))).toThrow(/not JSON/)
    expect(() => parseIndex(json({ manifests: [] }))).toThrow(/no images/)
    expect(() => parseIndex(json({ manifests: [{ digest: 'latest', size: 1, mediaType: 'x' }] }))).toThrow(/valid digest/)
  })
})

describe('the import plan', () => {
  it('keeps the archive’s manifest and names; a bare tag needs the repository the user gives', () => {
    const named = ociScan('team/app:1.0')
    expect(planImport(named.scan).images).toMatchObject([{ repository: 'team/app', tag: '1.0', root: { digest: named.manifest } }])
    expect(planImport(named.scan, 'other/app').images[0]).toMatchObject({ repository: 'other/app', tag: '1.0' })
    expect(() => planImport(ociScan('1.0').scan)).toThrow(/without a repository/)
    const untagged = planImport(ociScan(undefined).scan, 'x/y')
    expect(untagged.images[0]).toMatchObject({ repository: 'x/y', tag: 'latest' })
    expect(untagged.notes.map(inEnglish).join(' ')).toMatch(/latest/)
  })

  it('refuses an archive missing a layer or a manifest, or of another layout version', () => {
    const { scan } = ociScan('team/app:1')
    const layerLess = { ...scan, blobs: new Map([...scan.blobs].filter(([d]) => scan.json.has(d))) }
    expect(() => planImport(layerLess)).toThrow(/is missing/)
    expect(() => planImport({ ...scan, json: new Map() })).toThrow(/manifest .* is missing or damaged/)
    expect(() => planImport({ ...scan, layout: json({ imageLayoutVersion: '2.0.0' }) })).toThrow(/version/)
    expect(() => planImport({ json: new Map(), blobs: new Map(), files: new Map() })).toThrow(/neither an index.json/)
  })

  it('turns a docker save tar into an OCI manifest of its config and layers, following links', () => {
    const config = json({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } })
    const layer = Buffer.from('a layer tar')
    const scan: ArchiveScan = {
      dockerManifest: json([{ Config: 'abc.json', RepoTags: ['127.0.0.1:5000/team/app:1', 'app:2'], Layers: ['one/layer.tar', 'two/layer.tar'] }]),
      json: new Map([['abc.json', config]]),
      blobs: new Map(),
      files: new Map([
        ['abc.json', { size: config.length, digest: sha(config) }],
        ['one/layer.tar', { size: layer.length, digest: sha(layer) }],
        ['two/layer.tar', { size: 0, link: 'one/layer.tar' }]
      ])
    }
    const plan = planImport(scan)
    expect(plan.images.map((i) => `${i.repository}:${i.tag}`)).toEqual(['team/app:1', 'app:2'])
    const m = JSON.parse(plan.images[0]!.root.bytes.toString()) as { config: { digest: string }; layers: { digest: string }[] }
    expect(m.config.digest).toBe(sha(config))
    expect(m.layers.map((l) => l.digest)).toEqual([sha(layer), sha(layer)])
    expect(plan.sources.get(sha(layer))).toMatchObject({ entry: 'one/layer.tar' })
    const broken = { ...scan, files: new Map([...scan.files].filter(([n]) => n !== 'one/layer.tar')) }
    expect(() => planImport(broken)).toThrow(/layer .* is missing/)
  })
})

describe('scanning a tar file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-scan-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function tarOf(entries: [string, Buffer][]): Promise<Buffer> {
    const p = pack()
    for (const [name, data] of entries) p.entry({ name }, data)
    p.finalize()
    const chunks: Buffer[] = []
    for await (const c of p as AsyncIterable<Buffer>) chunks.push(c)
    return Buffer.concat(chunks)
  }

  it('reads ./-prefixed and gzip-compressed archives; keeps only JSON blobs whose bytes match their digest', async () => {
    const manifest = json({ schemaVersion: 2 })
    const layer = Buffer.alloc(100_000, 7)
    const forged = json({ not: 'what the name says' })
    const tar = await tarOf([
      ['./oci-layout', json({ imageLayoutVersion: '1.0.0' })],
      ['./index.json', json({ manifests: [] })],
      [`./${blobPath(sha(manifest))}`, manifest],
      [`./${blobPath(sha(layer))}`, layer],
      [blobPath(sha('something else')), forged]
    ])
    for (const [name, data] of [
      ['plain.tar', tar],
      ['packed.tar.gz', gzipSync(tar)]
    ] as const) {
      const file = join(dir, name)
      writeFileSync(file, data)
      const scan = await scanArchive(file, new AbortController().signal)
      expect(scan.index).toBeDefined()
      expect(scan.layout).toBeDefined()
      expect([...scan.blobs.keys()].sort()).toEqual([sha(manifest), sha(layer), sha('something else')].sort())
      expect([...scan.json.keys()]).toEqual([sha(manifest)])
    }
  })

  it('says a file that is not a tar is damaged, and a missing file is not found', async () => {
    const file = join(dir, 'junk.tar')
    writeFileSync(file, Buffer.alloc(2048, 0x41))
    await expect(scanArchive(file, new AbortController().signal)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(scanArchive(join(dir, 'gone.tar'), new AbortController().signal)).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })
})
