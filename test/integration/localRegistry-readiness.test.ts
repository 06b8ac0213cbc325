// A registry container that never answers GET /v2/ (or dies at once): a bounded wait, a clear
// error carrying its last log lines, and nothing left behind.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { pack } from 'tar-stream'
import type Docker from 'dockerode'
import { BerthError } from '../../src/shared/contract/errors'
import { describeEngine } from '../support/describeEngine'
import { consume, harness, type Harness } from '../support/localRegistry'

/** An image FROM registry:2 with extra Dockerfile lines (no pulls: registry:2 is local). */
async function derive(docker: Docker, tag: string, lines: string[]): Promise<void> {
  const tar = pack()
  tar.entry({ name: 'Dockerfile' }, ['FROM registry:2', ...lines].join('\n') + '\n')
  tar.finalize()
  await consume(await docker.buildImage(tar as unknown as NodeJS.ReadableStream, { t: tag, rm: true, forcerm: true }))
}

describeEngine('local registry readiness (real engine)', () => {
  let deaf: Harness
  let dying: Harness

  beforeAll(async () => {
    deaf = await harness('deaf', { readyTimeoutMs: 3000 })
    dying = await harness('dying', { readyTimeoutMs: 15_000 })
    // Listens on another port inside: the published 5000 never answers.
    await derive(deaf.docker, `${deaf.prefix}/registry:2`, ['ENV REGISTRY_HTTP_ADDR=:5999'])
    // Cannot read its config: exits at once with an error in its log.
    await derive(dying.docker, `${dying.prefix}/registry:2`, ['CMD ["serve", "/etc/docker/registry/missing.yml"]'])
    deaf.service.configure({ image: `${deaf.prefix}/registry:2` })
    dying.service.configure({ image: `${dying.prefix}/registry:2` })
  })

  afterAll(async () => {
    for (const h of [deaf, dying]) {
      await h?.cleanup()
      await h?.docker.getImage(`${h.prefix}/registry:2`).remove({ force: true }).catch(() => undefined)
    }
  })

  it('gives up after the bounded wait with the last log lines, removing the container and the new volume', async () => {
    const started = Date.now()
    const err = (await deaf.service.start().catch((e: unknown) => e)) as BerthError
    expect(err).toBeInstanceOf(BerthError)
    expect(err.code).toBe('REGISTRY_UNREACHABLE')
    expect(err.message).toMatch(/did not answer .*\/v2\/ within 3 s/)
    expect(Date.now() - started).toBeLessThan(20_000)
    const logs = (err.details as { logs: string[] }).logs
    expect(logs.join('\n')).toMatch(/listening on \[::\]:5999/)
    expect(await deaf.containers()).toHaveLength(0)
    await expect(deaf.docker.getVolume(deaf.names.volumeName).inspect()).rejects.toMatchObject({ statusCode: 404 })
  })

  it('says the registry stopped right after starting, with its error, without waiting out the timeout', async () => {
    const started = Date.now()
    const err = (await dying.service.start().catch((e: unknown) => e)) as BerthError
    expect(err.code).toBe('REGISTRY_UNREACHABLE')
    expect(err.message).toMatch(/stopped right after starting \(exit code \d+\)/)
    expect((err.details as { logs: string[] }).logs.join('\n')).toMatch(/missing\.yml|no such file/i)
    expect(Date.now() - started).toBeLessThan(12_000)
    expect(await dying.containers()).toHaveLength(0)
  })
})
