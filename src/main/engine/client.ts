// The one place a dockerode client is made. Two guards sit under every engine call:
// - docker-modem follows 3xx answers to whatever host `Location` names (its lib/http.js is a
//   fork of an old follow-redirects), and the engine answers 301 to paths with `..`. Berth never
//   follows: its modem requests go straight to Node's http/https, so a 3xx is an error.
// - Names are percent-encoded where dockerode pastes them into URL paths.
// - Image lists are asked again when Podman fails them over an image removed meanwhile (listRace.ts).
import nativeHttp from 'node:http'
import nativeHttps from 'node:https'
import Docker from 'dockerode'
import modemHttp from 'docker-modem/lib/http'
import { retryListRace } from './listRace'

type RequestFn = typeof nativeHttp.request
type ImagesCallback = (error?: unknown, images?: Docker.ImageInfo[]) => void

// docker-modem calls `request(options, callback)` and listens for 'response' itself; the callback
// is the redirect follower, so it is dropped.
modemHttp.http.request = ((options: nativeHttp.RequestOptions) => nativeHttp.request(options)) as RequestFn
modemHttp.https.request = ((options: nativeHttps.RequestOptions) => nativeHttps.request(options)) as RequestFn

/** Encodes every character a reference or ID never has, so a name stays one path segment run. */
export function enginePathName(name: string): string {
  return String(name).replace(/[^A-Za-z0-9._\-/:@]/g, (c) => encodeURIComponent(c))
}

/** dockerode with names encoded before they enter `/images/<name>/…`, `/containers/<id>/…` and the like. */
export class EngineClient extends Docker {
  override getImage(name: string): Docker.Image {
    return super.getImage(enginePathName(name))
  }
  override getContainer(id: string): Docker.Container {
    return super.getContainer(enginePathName(id))
  }
  override getVolume(name: string): Docker.Volume {
    return super.getVolume(enginePathName(name))
  }
  override getNetwork(id: string): Docker.Network {
    return super.getNetwork(enginePathName(id))
  }
  override listImages(options: Docker.ListImagesOptions, callback: ImagesCallback): void
  override listImages(callback: ImagesCallback): void
  override listImages(options?: Docker.ListImagesOptions): Promise<Docker.ImageInfo[]>
  override listImages(
    a?: Docker.ListImagesOptions | ImagesCallback,
    b?: ImagesCallback
  ): Promise<Docker.ImageInfo[]> | void {
    const options = typeof a === 'function' ? {} : (a ?? {})
    const callback = typeof a === 'function' ? a : b
    const listed = retryListRace<Docker.ImageInfo[]>(() => super.listImages(options))
    if (!callback) return listed
    listed.then((images) => callback(null, images), (e: unknown) => callback(e, undefined))
  }
}

export function createEngineClient(options: Docker.DockerOptions): Docker {
  return new EngineClient(options)
}
