// A minimal ustar writer: putArchive needs a tar, and Berth only ever writes one small file
// (the htpasswd). Not worth a runtime dependency.

export interface TarFile {
  name: string
  content: Buffer
  mode?: number
}

export function tarOf(files: TarFile[], dirs: string[] = []): Buffer {
  const blocks: Buffer[] = []
  const mtime = Math.floor(Date.now() / 1000)
  for (const dir of dirs) blocks.push(header(dir.endsWith('/') ? dir : `${dir}/`, 0, 0o755, '5', mtime))
  for (const f of files) {
    blocks.push(header(f.name, f.content.length, f.mode ?? 0o644, '0', mtime))
    blocks.push(f.content)
    const pad = (512 - (f.content.length % 512)) % 512
    if (pad) blocks.push(Buffer.alloc(pad))
  }
  blocks.push(Buffer.alloc(1024))
  return Buffer.concat(blocks)
}

function header(name: string, size: number, mode: number, type: string, mtime: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`)
  const h = Buffer.alloc(512)
  h.write(name, 0, 100, 'utf8')
  h.write(octal(mode, 7), 100)
  h.write(octal(0, 7), 108) // uid root
  h.write(octal(0, 7), 116) // gid root
  h.write(octal(size, 11), 124)
  h.write(octal(mtime, 11), 136)
  h.write('        ', 148) // checksum placeholder: 8 spaces
  h.write(type, 156)
  h.write('ustar\u000000', 257)
  let sum = 0
  for (const byte of h) sum += byte
  h.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148) // 6 digits, NUL, space
  return h
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width, '0') + '\u0000'
}
