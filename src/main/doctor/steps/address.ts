// Step 1: the stored address parses as host[:port], IPv6 in brackets.
import { isIP } from 'node:net'
import { failed, ok, type DoctorContext, type StepOutcome } from '../context'
import { isValidPort } from '@shared/port'

export async function checkAddress(ctx: DoctorContext): Promise<StepOutcome> {
  const a = ctx.entry.address.trim()
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(a)
  let host: string
  let portText: string | undefined
  if (v6) {
    host = v6[1]!
    portText = v6[2]
    if (isIP(host) !== 6) return failed('address.badIpv6', { address: a }, 'address.fix')
  } else {
    if ((a.match(/:/g) ?? []).length > 1) return failed('address.ipv6NoBrackets', { address: a }, 'address.ipv6Fix', { example: `[${a}]:5000` })
    const i = a.lastIndexOf(':')
    host = i === -1 ? a : a.slice(0, i)
    portText = i === -1 ? undefined : a.slice(i + 1)
    if (!host || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) return failed('address.badHost', { address: a, host }, 'address.fix')
  }
  const defaultPort = ctx.entry.scheme === 'https' ? 443 : 80
  const port = portText === undefined ? defaultPort : Number(portText)
  if (!isValidPort(port)) return failed('address.badPort', { address: a, port: portText ?? '' }, 'address.fix')
  ctx.host = host
  ctx.port = port
  return ok('address.ok', { host, port, defaultPort: portText === undefined })
}
