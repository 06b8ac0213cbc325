// `docker logs` of a container without a TTY is multiplexed: each frame is an 8-byte header
// (stream type, 3 zero bytes, big-endian length) followed by that many bytes. Reading it as
// text would show the header bytes as garbage.
import type Docker from 'dockerode'

/**
 * The container's last `count` log lines (stdout and stderr), read from its last `tail` lines
 * ('all': the whole log, for short-lived containers). Podman 4.3 answers nothing to `tail=N`
 * when the log has fewer lines than N, so an empty answer is read again without `tail`.
 */
export async function containerLogLines(container: Docker.Container, count: number, tail: number | 'all' = count * 2): Promise<string[]> {
  const read = async (t: number | 'all'): Promise<string[]> => {
    const raw = (await container.logs({ stdout: true, stderr: true, ...(t === 'all' ? {} : { tail: t }) })) as unknown as Buffer | string
    return lastLines(demuxDockerLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(raw)), count)
  }
  const lines = await read(tail)
  return lines.length === 0 && tail !== 'all' ? read('all') : lines
}

/** Splits a multiplexed log buffer into text; a buffer that is not multiplexed (TTY) is returned as is. */
export function demuxDockerLogs(buf: Buffer): string {
  if (!looksMultiplexed(buf)) return buf.toString('utf8')
  const parts: Buffer[] = []
  let offset = 0
  while (offset + 8 <= buf.length) {
    const size = buf.readUInt32BE(offset + 4)
    const start = offset + 8
    const end = Math.min(start + size, buf.length)
    parts.push(buf.subarray(start, end))
    offset = start + size
  }
  return Buffer.concat(parts).toString('utf8')
}

function looksMultiplexed(buf: Buffer): boolean {
  if (buf.length < 8) return false
  const type = buf[0]
  return (type === 0 || type === 1 || type === 2) && buf[1] === 0 && buf[2] === 0 && buf[3] === 0
}

/** The last `count` non-empty lines, each cut to a readable length. */
export function lastLines(text: string, count: number): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-count)
    .map((l) => (l.length > 500 ? `${l.slice(0, 500)}…` : l))
}
