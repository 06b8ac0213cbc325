// Basic auth for registry:2 is an htpasswd file of bcrypt hashes (the registry accepts no
// other scheme). Berth writes it into the volume, so the hash travels with the data.
import bcrypt from 'bcryptjs'
import { tarOf } from './tar'

/** Where the hash lives: inside the volume, beside (not inside) the registry's storage tree. */
export const AUTH_DIR = '.berth-auth'
export const HTPASSWD_PATH = `/var/lib/registry/${AUTH_DIR}/htpasswd`

export async function htpasswdLine(username: string, password: string): Promise<string> {
  // Cost 10: what `htpasswd -B` uses; the registry verifies it on every request.
  return `${username}:${await bcrypt.hash(password, 10)}\n`
}

/** A tar to extract at /var/lib/registry holding AUTH_DIR/htpasswd. */
export function htpasswdArchive(line: string): Buffer {
  return tarOf([{ name: `${AUTH_DIR}/htpasswd`, content: Buffer.from(line, 'utf8'), mode: 0o644 }], [AUTH_DIR])
}
