// Transfers survive a restart of the service: finished and failed copies come back as they
// ended, and one that was running when the service stopped comes back "interrupted"; its Retry
// completes (skipping the blobs already copied).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { copyTransfers, entry, seedSizedImage, startCuttingProxy, type CuttingProxy } from '../support/copyHelpers'
import { describeEngine } from '../support/describeEngine'
import { closeSeedConnections, seedImage, startRegistry, type TestRegistry } from '../support/registries'

describeEngine('transfers restored after a service restart', () => {
  let a: TestRegistry
  let b: TestRegistry
  let proxy: CuttingProxy
  let dir: string
  const entries = () => ({ a: entry('a', a.address), b: entry('b', b.address), slow: entry('slow', proxy.address) })

  beforeAll(async () => {
    ;[a, b] = await Promise.all([startRegistry(), startRegistry()])
    proxy = await startCuttingProxy(a.address)
    dir = await mkdtemp(join(tmpdir(), 'berth-history-'))
  })

  afterAll(async () => {
    await proxy?.close()
    await Promise.all([a?.stop(), b?.stop()])
    await closeSeedConnections()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('keeps done and failed copies, and marks a running one interrupted with a working Retry', async () => {
    const file = join(dir, 'transfers.json')
    const small = await seedImage(a.address, 'hist/app', '1', { layers: 1 })
    const MiB = 1024 * 1024
    const big = await seedSizedImage(a.address, 'hist/big', '1', [4 * MiB, 4 * MiB])

    const first = copyTransfers(entries(), {}, 1, file).service
    const done = await first.wait((await first.copy({ from: { registryId: 'a', repository: 'hist/app', tags: ['1'] }, to: { registryId: 'b', repository: 'hist/app' } })).id)
    const failed = await first.copy({ from: { registryId: 'a', repository: 'hist/app', tags: ['nope'] }, to: { registryId: 'b', repository: 'hist/app' } })
    await first.wait(failed.id).catch(() => undefined)
    // A copy that stalls half way through its first big blob, then the service stops.
    proxy.holdAfter(5 * MiB)
    const running = await first.copy({ from: { registryId: 'slow', repository: 'hist/big', tags: ['1'] }, to: { registryId: 'b', repository: 'hist/big' } })
    await expect.poll(() => first.get(running.id).bytesDone, { timeout: 30_000 }).toBeGreaterThan(0)
    first.dispose()
    await proxy.close()
    const saved = JSON.parse(await readFile(file, 'utf8')) as { transfers: { snapshot: { id: string; state: string } }[] }
    expect(saved.transfers.map((t) => t.snapshot.state).sort()).toEqual(['done', 'failed', 'running'])

    const second = copyTransfers(entries(), {}, 1, file).service
    const byId = Object.fromEntries(second.list().map((t) => [t.id, t]))
    expect(byId[done.id]).toMatchObject({ state: 'done', kind: 'copy', digest: small.digest, reference: `${b.address}/hist/app:1` })
    expect(byId[failed.id]).toMatchObject({ state: 'failed', error: { code: 'NOT_FOUND' } })
    expect(byId[running.id]).toMatchObject({ state: 'interrupted', error: { message: expect.stringMatching(/quit while this transfer was running/) } })

    await proxy.restart()
    second.retry(running.id)
    const retried = await second.wait(running.id)
    expect(retried).toMatchObject({ state: 'done', digest: big.digest })
    await second.flushHistory()
    const after = JSON.parse(await readFile(file, 'utf8')) as { transfers: { snapshot: { id: string; state: string } }[] }
    expect(after.transfers.find((t) => t.snapshot.id === running.id)?.snapshot.state).toBe('done')
    second.dispose()
  })
})
