import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngineClient, enginePathName } from '../../src/main/engine/client'
import { ImageService } from '../../src/main/engine/images'
import { startFakeEngine, type FakeEngine } from '../support/fakeEngine'

describe('engine client', () => {
  let engine: FakeEngine
  beforeAll(async () => {
    engine = await startFakeEngine()
  })
  afterAll(() => engine.close())

  it('encodes what a name never has before it enters a URL path', () => {
    expect(enginePathName('localhost:5000/team/app:1.0@sha256:ab')).toBe('localhost:5000/team/app:1.0@sha256:ab')
    expect(enginePathName('a?b#c%d e')).toBe('a%3Fb%23c%25d%20e')
  })

  it('treats an engine redirect as an error and never follows it', async () => {
    const docker = createEngineClient({ socketPath: engine.socketPath })
    const images = new ImageService(() => docker, () => {})
    // Bypasses the contract on purpose: this is the layer under it.
    await expect(images.inspect('../127.0.0.1:1/x')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/redirect \(HTTP 301\)/) })
    await expect(images.remove('../containers/json')).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(docker.getImage('x?all=1#').inspect()).rejects.toMatchObject({ statusCode: 301 })
    expect(engine.requests, engine.requests.join()).toContain('GET /images/x%3Fall%3D1%23/json')
    // Give a follower time to act: nothing may reach the trap.
    await new Promise((r) => setTimeout(r, 50))
    expect(engine.trapped).toEqual([])
  })
})
