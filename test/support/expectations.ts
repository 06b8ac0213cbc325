// Small checks several tests make: the BerthError a call rejects with, and a pull through the
// engine (the real proof that an image in a registry is intact).
import type Docker from 'dockerode'
import { BerthError } from '@shared/contract/errors'

/** The BerthError `p` rejects with; fails when it resolves or rejects with something else. */
export async function rejection(p: Promise<unknown>): Promise<BerthError> {
  try {
    await p
  } catch (e) {
    if (e instanceof BerthError) return e
    throw e
  }
  throw new Error('expected a rejection')
}

/** Pulls `ref` (for `platform`) through the engine; rejects on any error event in the stream. */
export async function enginePull(docker: Docker, ref: string, platform?: string): Promise<void> {
  const stream = await docker.pull(ref, platform ? { platform } : {})
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (ev: { error?: string }) => ev.error && reject(new Error(ev.error))
    )
  )
}
