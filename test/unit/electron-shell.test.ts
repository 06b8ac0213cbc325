// Electron's binary is not available to the tests, so the shell's security choices are checked
// against a stand-in of the electron module: the options and handlers it installs.
import { beforeEach, describe, expect, it, vi } from 'vitest'

const created: { options: Record<string, unknown> }[] = []
const appHandlers: Record<string, (...a: unknown[]) => void> = {}
const openExternal = vi.fn()

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn() }
    constructor(public options: Record<string, unknown>) {
      created.push({ options })
    }
    once(): void {}
    loadURL = vi.fn()
    loadFile = vi.fn()
  }
  return {
    BrowserWindow,
    app: { on: (name: string, h: (...a: unknown[]) => void) => (appHandlers[name] = h) },
    shell: { openExternal }
  }
})

beforeEach(() => {
  created.length = 0
  openExternal.mockReset()
})

describe('main window', () => {
  it('runs the renderer isolated, sandboxed and without Node', async () => {
    const { createMainWindow } = await import('../../src/main/window')
    createMainWindow()
    const prefs = created[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/)
  })

  it('treats only the built renderer as the app', async () => {
    const { isAppUrl } = await import('../../src/main/window')
    expect(isAppUrl('file:///opt/Berth/resources/app.asar/out/renderer/index.html')).toBe(true)
    expect(isAppUrl('https://evil.example/')).toBe(false)
    expect(isAppUrl('file:///etc/passwd')).toBe(false)
  })
})

describe('security handlers', () => {
  function fakeContents(): { handlers: Record<string, (...a: unknown[]) => void>; windowOpen?: (d: { url: string }) => unknown; permission?: (...a: unknown[]) => void; contents: unknown } {
    const handlers: Record<string, (...a: unknown[]) => void> = {}
    const self: ReturnType<typeof fakeContents> = { handlers, contents: undefined }
    self.contents = {
      on: (name: string, h: (...a: unknown[]) => void) => (handlers[name] = h),
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => (self.windowOpen = h),
      session: { setPermissionRequestHandler: (h: (...a: unknown[]) => void) => (self.permission = h) }
    }
    return self
  }

  it('denies navigation away, new windows, webviews and permissions; opens only http(s) links outside', async () => {
    const { hardenApp } = await import('../../src/main/security')
    hardenApp((url) => url.startsWith('file:///app/'))
    const wc = fakeContents()
    appHandlers['web-contents-created']!({}, wc.contents)

    const nav = { preventDefault: vi.fn() }
    wc.handlers['will-navigate']!(nav, 'https://evil.example')
    expect(nav.preventDefault).toHaveBeenCalled()
    const ok = { preventDefault: vi.fn() }
    wc.handlers['will-navigate']!(ok, 'file:///app/index.html')
    expect(ok.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    wc.handlers['will-attach-webview']!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()

    expect(wc.windowOpen!({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledWith('https://docs.docker.com/')
    expect(wc.windowOpen!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(wc.windowOpen!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
    expect(openExternal).toHaveBeenCalledTimes(1)

    const answer = vi.fn()
    wc.permission!({}, 'media', answer)
    expect(answer).toHaveBeenCalledWith(false)
  })

  it('trusts IPC only from our window showing our page', async () => {
    const { isTrustedSender } = await import('../../src/main/security')
    const ours = {} as never
    const isApp = (u: string): boolean => u === 'file:///app/index.html'
    expect(isTrustedSender({ url: 'file:///app/index.html' }, ours, () => ours, isApp)).toBe(true)
    expect(isTrustedSender({ url: 'https://evil.example' }, ours, () => ours, isApp)).toBe(false)
    expect(isTrustedSender({ url: 'file:///app/index.html' }, {} as never, () => ours, isApp)).toBe(false)
    expect(isTrustedSender(null, ours, () => ours, isApp)).toBe(false)
  })
})
