// An HTTP proxy between the browser and Berth's web server, so a test can cut the page's
// connections mid-session (a Wi-Fi drop, a VPN switch) while the server keeps running.
// Requests are re-addressed to the server (Host, Origin) because it answers only to its own.
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface PageProxy {
  /** The server's URL (token included) as reached through the proxy. */
  url: string
  /** Drops every open connection and refuses new ones until restore(). */
  cut(): void
  restore(): void
  close(): Promise<void>
}

export async function startPageProxy(serverUrl: string): Promise<PageProxy> {
  const target = new URL(serverUrl)
  const sockets = new Set<Socket>()
  let isCut = false
  const server = http.createServer((req, res) => {
    if (isCut) return void req.socket.destroy()
    const headers = { ...req.headers, host: target.host }
    if (headers.origin) headers.origin = target.origin
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
      // The server dropped the line mid-answer: so does the proxy (pipe alone would hang).
      answer.on('aborted', () => res.destroy())
    })
    upstream.on('socket', (s) => track(s))
    upstream.on('error', () => req.socket.destroy())
    req.pipe(upstream)
  })
  server.on('connection', (s: Socket) => (isCut ? s.destroy() : track(s)))
  function track(s: Socket): void {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = new URL(serverUrl)
  url.port = String(port)
  return {
    url: url.toString(),
    cut() {
      isCut = true
      for (const s of sockets) s.destroy()
    },
    restore() {
      isCut = false
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      })
  }
}
