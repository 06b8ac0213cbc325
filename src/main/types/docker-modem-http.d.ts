// docker-modem's internal http shim (no types ship for it); see engine/client.ts for why Berth touches it.
declare module 'docker-modem/lib/http' {
  import type { request } from 'node:http'
  const modemHttp: { http: { request: typeof request }; https: { request: typeof request }; maxRedirects: number }
  export default modemHttp
}
