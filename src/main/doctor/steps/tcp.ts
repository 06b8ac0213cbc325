// Step 3: a TCP connection opens. Refused: nothing listens there. Silence: a firewall or a
// wrong host. Each resolved address is tried in turn, like a client would.
import net from 'node:net'
import { errorCode, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

export async function checkTcp(ctx: DoctorContext): Promise<StepOutcome> {
  const { addresses, port } = ctx
  if (!addresses?.length || port === undefined) return skipped('skipped.after', { step: 'resolve' })
  let last = 'error'
  for (const address of addresses) {
    const code = await connect(address, port, Math.max(500, Math.floor(ctx.timeoutMs / addresses.length) - 100))
    if (code === undefined) {
      ctx.reached = address
      return ok('tcp.ok', { address, port })
    }
    last = code
  }
  const at = { address: addresses.join(', '), port }
  if (last === 'ECONNREFUSED') return failed('tcp.refused', at, 'tcp.refusedFix', { port })
  if (last === 'TIMEOUT' || last === 'ETIMEDOUT') return failed('tcp.timeout', at, 'tcp.timeoutFix', { port })
  if (last === 'EHOSTUNREACH' || last === 'ENETUNREACH') return failed('tcp.unreachable', { ...at, error: last }, 'tcp.timeoutFix', { port })
  return failed('tcp.failed', { ...at, error: last }, 'tcp.refusedFix', { port })
}

/** undefined when connected; else the error code (TIMEOUT for silence). */
function connect(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (code: string | undefined): void => {
      socket.destroy()
      resolve(code)
    }
    socket.setTimeout(timeoutMs, () => done('TIMEOUT'))
    socket.once('connect', () => done(undefined))
    socket.once('error', (e) => done(errorCode(e) ?? 'error'))
  })
}
