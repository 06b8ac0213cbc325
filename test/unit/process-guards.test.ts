import { describe, expect, it, vi } from 'vitest'
import { processGuardListeners } from '../../src/main/processGuards'

describe('process guards', () => {
  it('log an unhandled rejection and an uncaught exception with the error, and return', () => {
    const log = vi.fn()
    const { unhandledRejection, uncaughtException } = processGuardListeners(log)
    const e = new Error('boom')
    unhandledRejection(e)
    uncaughtException(e)
    expect(log).toHaveBeenCalledTimes(2)
    expect(log.mock.calls[0]).toEqual([expect.stringMatching(/unhandled promise rejection/), e])
    expect(log.mock.calls[1]).toEqual([expect.stringMatching(/uncaught exception/), e])
  })
})
