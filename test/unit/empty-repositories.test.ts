// The pure half of "Remove empty repositories": reading the helper's output, batching names.
import { describe, expect, it } from 'vitest'
import { argumentBatches, manualCommands, parseListing, parseRemoval } from '../../src/main/localRegistry/emptyScripts'

describe('empty repositories', () => {
  it('finds repositories without any link under _manifests, keeping those with an upload under way', () => {
    const out = ['repo team/a', 'repo team/a/sub', 'repo team/b', 'repo team/up', 'used team/a/sub', 'used team/b', 'busy team/up', 'busy team/b', ''].join('\n')
    expect(parseListing(out)).toEqual({ repositories: ['team/a'], uploading: ['team/up'] })
  })

  it('ignores lines that are not a repository name (nothing odd reaches a delete)', () => {
    expect(parseListing('repo ../etc\nrepo Team/A\nrepo a b\nrepo -rf\nrepo ok/name\nfind: oops').repositories).toEqual(['ok/name'])
  })

  it('counts only what the script says it removed; anything else was kept', () => {
    expect(parseRemoval('removed a\nkept b\ngone c\nremoved x', ['a', 'b', 'c', 'd'])).toEqual({ removed: ['a'], kept: ['b', 'c', 'd'] })
  })

  it('batches names so no command line grows past the limit', () => {
    const names = Array.from({ length: 10 }, (_, i) => `repo-${i}`)
    const batches = argumentBatches(names, 20)
    expect(batches.flat()).toEqual(names)
    for (const b of batches) expect(b.join(' ').length).toBeLessThanOrEqual(20)
    expect(argumentBatches([])).toEqual([])
  })

  it('says how to do it by hand with the registry’s own names', () => {
    const text = manualCommands('berth-registry', 'berth-registry-data')
    expect(text).toContain('docker stop berth-registry\n')
    expect(text).toContain('-v berth-registry-data:/var/lib/registry')
    expect(text).toContain('rm -rf NAME/_manifests NAME/_layers NAME/_uploads')
  })
})
