// The transfers history file: what is read back (running → interrupted, damaged files ignored),
// atomic writes (no temp files left), and the service keeping only the newest 500.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { TransferSnapshot } from '@shared/contract/transferTypes'
import { HistoryWriter, KEEP_TRANSFERS, readHistory, type StoredTransfer } from '../../src/main/transfers/history'
import { TransferService } from '../../src/main/transfers/service'
import { tempDirs } from '../support/tempDirs'

const tempDir = tempDirs()
const tempFile = (): string => join(tempDir('hist-unit'), 'transfers.json')

const snap = (id: string, state: TransferSnapshot['state'], endedAt?: number): TransferSnapshot => ({
  id,
  rev: 1,
  kind: 'pull',
  reference: `127.0.0.1:5000/app:${id}`,
  registry: '127.0.0.1:5000',
  state,
  startedAt: 1000,
  ...(endedAt ? { endedAt } : {}),
  bytesDone: 5,
  bytesTotal: 10,
  speed: 3,
  etaSeconds: 2,
  layers: []
})
const write = (file: string, transfers: StoredTransfer[]): void => writeFileSync(file, JSON.stringify({ version: 1, transfers }))

describe('readHistory', () => {
  it('marks running and queued transfers interrupted and keeps finished ones as they were', () => {
    const file = tempFile()
    write(file, [{ snapshot: snap('a', 'done', 2000) }, { snapshot: snap('b', 'running') }, { snapshot: snap('c', 'queued') }, { snapshot: { nonsense: true } as never }])
    const got = readHistory(file)
    expect(got.map((t) => [t.snapshot.id, t.snapshot.state])).toEqual([
      ['a', 'done'],
      ['b', 'interrupted'],
      ['c', 'interrupted']
    ])
    expect(got[1]!.snapshot).toMatchObject({ speed: 0, etaSeconds: null, error: { code: 'CANCELLED', hint: expect.stringMatching(/Retry/) } })
  })

  it('ignores a missing or damaged file', () => {
    const file = tempFile()
    expect(readHistory(file)).toEqual([])
    writeFileSync(file, '{"version":1,"transfers":[')
    expect(readHistory(file)).toEqual([])
  })
})

describe('HistoryWriter', () => {
  it('writes atomically, one write per burst, and closeSync writes what is running as running', async () => {
    const file = tempFile()
    let entries: StoredTransfer[] = [{ snapshot: snap('a', 'running') }]
    const w = new HistoryWriter(file, () => entries, 10)
    w.schedule()
    entries = [{ snapshot: snap('a', 'done', 3000) }]
    w.schedule()
    await w.flush()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, transfers: entries })
    entries = [{ snapshot: snap('a', 'done', 3000) }, { snapshot: snap('b', 'running') }]
    w.closeSync()
    expect(readHistory(file).map((t) => t.snapshot.state)).toEqual(['done', 'interrupted'])
    // Nothing after closing, and no temp files left behind.
    entries = []
    w.schedule()
    await w.flush()
    expect(readHistory(file)).toHaveLength(2)
    expect(readdirSync(join(file, '..'))).toEqual(['transfers.json'])
  })
})

describe('TransferService with a history file', () => {
  const service = (file: string): TransferService => new TransferService({ docker: () => ({}) as never, emit: () => undefined, historyFile: file })

  it('shows restored transfers, refuses Retry without what it needs, and forgets the oldest past 500', async () => {
    const file = tempFile()
    const many = Array.from({ length: KEEP_TRANSFERS }, (_, i) => ({ snapshot: snap(`old-${i}`, 'done', 10_000 + i), spec: { kind: 'pull', reference: 'x', registry: 'r', fromImage: 'x', tag: 'latest' } }))
    write(file, [...many, { snapshot: { ...snap('up', 'running'), kind: 'load' } }])
    const s = service(file)
    expect(s.list()).toHaveLength(KEEP_TRANSFERS)
    expect(() => s.get('old-0')).toThrow(/No such transfer/)
    expect(s.get('up').state).toBe('interrupted')
    // An upload's bytes are gone after a restart: Retry says so instead of failing later.
    expect(() => s.retry('up')).toThrow(/no longer available/)
    s.dismiss('up')
    await s.flushHistory()
    expect(readHistory(file)).toHaveLength(KEEP_TRANSFERS - 1)
    s.dispose()
  })
})
