// A Docker context in a test DOCKER_CONFIG directory that points at the test engine: Berth
// connects through it (and says so), as `docker --context` would.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { EngineConnection } from '../../src/main/engine/connection'
import { contextDirName } from '../support/dockerContexts'
import { candidateEndpoints } from '../../src/main/engine/endpoints'
import { describeEngine } from '../support/describeEngine'
import { engineDisplayName } from '../support/engine'

describeEngine('Docker contexts (real engine)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-ctx-it-'))
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock'
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("connects through config.json's current context, and reports a missing DOCKER_CONTEXT instead of guessing", async () => {
    const meta = join(dir, 'contexts', 'meta', contextDirName('berth-test'))
    mkdirSync(meta, { recursive: true })
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: 'berth-test', Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }))
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'berth-test' }))

    const env = { DOCKER_CONFIG: dir }
    const connection = new EngineConnection({ endpoints: candidateEndpoints(env, '/nonexistent-home') })
    const status = await connection.check()
    expect(status.state).toBe('connected')
    if (status.state !== 'connected') return
    expect(status.engine.endpoint).toBe(`berth-test (${host})`)
    expect(status.engine.name).toBe(await engineDisplayName())

    const missing = new EngineConnection({ endpoints: candidateEndpoints({ ...env, DOCKER_CONTEXT: 'nope' }, '/nonexistent-home') })
    const down = await missing.check()
    expect(down.state).toBe('down')
    if (down.state === 'down') expect(down.tried[0]!.error).toMatch(/context "nope", which does not exist/)
  })
})
