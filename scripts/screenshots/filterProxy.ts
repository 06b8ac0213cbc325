// The engine as Berth sees it during the screenshots: every image but the demo ones hidden.
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Endpoint } from '../../src/main/engine/endpoints'
import { dockerOptionsFromEnv } from '../../test/support/engine'

export interface FilterProxy {
  endpoint: Endpoint
  close(): Promise<void>
}

/** An HTTP proxy on a unix socket in front of the engine that lists only the images in `keep`. */
export async function startImageFilterProxy(keep: ReadonlySet<string>): Promise<FilterProxy> {
  const engine = dockerOptionsFromEnv()
  const target = engine.socketPath ? { socketPath: engine.socketPath } : { host: String(engine.host), port: Number(engine.port) }
  const dir = mkdtempSync(join(tmpdir(), 'berth-screenshots-'))
  const path = join(dir, 'docker.sock')
  const server = http.createServer((req, res) => {
    const upstream = http.request({ ...target, agent: false, method: req.method, path: req.url, headers: req.headers }, (up) => {
      const listing = req.method === 'GET' && /^(\/v[\d.]+)?\/images\/json(\?|$)/.test(req.url ?? '') && up.statusCode === 200
      if (!listing) {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
        return
      }
      const chunks: Buffer[] = []
      up.on('data', (c: Buffer) => chunks.push(c))
      up.on('end', () => {
        const all = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Id: string }[]
        const body = Buffer.from(JSON.stringify(all.filter((i) => keep.has(i.Id))))
        const headers = { ...up.headers, 'content-length': String(body.length) }
        delete headers['transfer-encoding']
        res.writeHead(200, headers).end(body)
      })
    })
    upstream.on('error', () => res.destroy())
    // A cancelled push or a closed event stream ends the engine request too.
    res.on('close', () => upstream.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((ok) => server.listen(path, ok))
  return {
    // Shown in the header: the engine the proxy forwards to.
    endpoint: { label: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock', options: { socketPath: path } },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => {
          rmSync(dir, { recursive: true, force: true })
          ok()
        })
      })
  }
}
