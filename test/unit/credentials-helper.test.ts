import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { helperGet, helperSearchPath, parseHelperOutput } from '../../src/main/credentials/helper'
import { tempDirs } from '../support/tempDirs'

const isWindows = process.platform === 'win32'

/**
 * A real helper on a PATH handed to the child only (process.env is not touched). It records
 * its argument and stdin, and answers according to the server URL it was asked about.
 */
function installHelper(bin: string): { env: NodeJS.ProcessEnv; log: string } {
  const log = join(bin, 'calls.log')
  const script = `#!/bin/sh
url=$(cat)
printf '%s|%s\\n' "$1" "$url" >> "${log}"
case "$url" in
  reg.test:5000) printf '{"ServerURL":"%s","Username":"alice","Secret":"s3cret:with:colons"}' "$url" ;;
  token.test) printf '{"ServerURL":"%s","Username":"<token>","Secret":"refresh-token"}' "$url" ;;
  slow.test) sleep 5 ;;
  junk.test) echo 'hello' ;;
  broken.test) echo 'keychain locked' >&2; exit 3 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`
  const file = join(bin, 'docker-credential-berthtest')
  writeFileSync(file, script)
  chmodSync(file, 0o755)
  return { env: { PATH: `${bin}${delimiter}/usr/bin${delimiter}/bin`, HOME: bin }, log }
}

describe.skipIf(isWindows)('helperGet with a real helper executable', () => {
  const { env, log } = installHelper(tempDirs('all')('helper'))
  const opts = { env, extendPath: false, timeoutMs: 5000 }

  it('runs `docker-credential-<x> get` with the server URL on stdin', async () => {
    const r = await helperGet('berthtest', 'reg.test:5000', opts)
    expect(r).toEqual({ status: 'found', credentials: { username: 'alice', password: 's3cret:with:colons' }, serverUrl: 'reg.test:5000' })
    const calls = readFileSync(log, 'utf8').trim().split('\n')
    expect(calls).toContain('get|reg.test:5000')
  })

  it('maps the <token> user name to an identity token', async () => {
    expect(await helperGet('berthtest', 'token.test', opts)).toMatchObject({ status: 'found', credentials: { identitytoken: 'refresh-token' } })
  })

  it('"credentials not found" is an ordinary not-found answer', async () => {
    expect(await helperGet('berthtest', 'unknown.test', opts)).toEqual({ status: 'not-found' })
  })

  it('a helper that is not installed is reported as missing, not thrown', async () => {
    expect(await helperGet('nosuchhelper', 'reg.test:5000', opts)).toEqual({ status: 'missing', command: 'docker-credential-nosuchhelper' })
  })

  it('failures, junk output and hangs become errors with a reason (bounded by the timeout)', async () => {
    expect(await helperGet('berthtest', 'broken.test', opts)).toMatchObject({ status: 'error', message: expect.stringContaining('keychain locked') })
    expect(await helperGet('berthtest', 'junk.test', opts)).toMatchObject({ status: 'error', message: expect.stringContaining('not JSON') })
    const started = Date.now()
    expect(await helperGet('berthtest', 'slow.test', { ...opts, timeoutMs: 300 })).toMatchObject({ status: 'error', message: expect.stringContaining('no answer') })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('refuses helper names that are not plain names', async () => {
    expect(await helperGet('../../bin/sh', 'x', opts)).toMatchObject({ status: 'error' })
  })
})

describe('parseHelperOutput', () => {
  it('an empty secret means not found', () => {
    expect(parseHelperOutput('h', '{"ServerURL":"x","Username":"","Secret":""}')).toEqual({ status: 'not-found' })
  })
})

describe('helperSearchPath', () => {
  it('appends the usual install folders once (apps started from the Dock get a minimal PATH)', () => {
    const p = helperSearchPath(['/usr/bin', '/bin'].join(delimiter), 'darwin', '/Users/u')
    const parts = p.split(delimiter)
    expect(parts.slice(0, 2)).toEqual(['/usr/bin', '/bin'])
    expect(parts).toContain('/usr/local/bin')
    expect(parts).toContain('/opt/homebrew/bin')
    expect(parts).toContain(join('/Users/u', '.docker', 'bin'))
    expect(new Set(parts).size).toBe(parts.length)
  })
})
