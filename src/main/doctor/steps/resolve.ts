// Step 2: the host name resolves; every address is shown (an IP literal needs no lookup).
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { errorCode, failed, ok, skipped, type DoctorContext, type StepOutcome } from '../context'

export async function checkResolve(ctx: DoctorContext): Promise<StepOutcome> {
  const host = ctx.host
  if (!host) return skipped('skipped.after', { step: 'address' })
  if (isIP(host)) {
    ctx.addresses = [host]
    return ok('resolve.literal', { addresses: [host] })
  }
  try {
    const found = await lookup(host, { all: true })
    ctx.addresses = [...new Set(found.map((a) => a.address))]
    if (ctx.addresses.length === 0) return failed('resolve.none', { host }, 'resolve.fix', { host })
    return ok('resolve.ok', { host, addresses: ctx.addresses })
  } catch (e) {
    return failed('resolve.failed', { host, error: errorCode(e) ?? 'error' }, 'resolve.fix', { host })
  }
}
