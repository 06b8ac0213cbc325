// Electron's binary is not available to the tests, so the shell's security choices are checked
// against a stand-in of the electron module: the options and handlers it installs.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const created: { options: Record<string, unknown>; loadURL: ReturnType<typeof vi.fn> }[] = []
const appHandlers: Record<string, (...a: unknown[]) => void> = {}
const openExternal = vi.fn()
const showMessageBox = vi.fn()
const schemes: unknown[] = []
const protocolHandlers: Record<string, (req: { url: string }) => unknown> = {}
const netFetch = vi.fn((url: string) => ({ fetched: url }))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { send: vi.fn() }
    loadURL = vi.fn()
    loadFile = vi.fn()
    constructor(public options: Record<string, unknown>) {
      created.push({ options, loadURL: this.loadURL })
    }
    once(): void {}
  }
  return {
    BrowserWindow,
    app: { on: (name: string, h: (...a: unknown[]) => void) => (appHandlers[name] = h), getLocale: () => 'zh-CN' },
    shell: { openExternal },
    dialog: { showMessageBox },
    net: { fetch: netFetch },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => schemes.push(...s),
      handle: (scheme: string, h: (req: { url: string }) => unknown) => (protocolHandlers[scheme] = h)
    }
  }
})

beforeEach(() => {
  created.length = 0
  openExternal.mockReset()
  showMessageBox.mockReset()
  netFetch.mockClear()
})

describe('main window', () => {
  it('runs the renderer isolated, sandboxed and without Node, loaded from app://berth', async () => {
    const { createMainWindow } = await import('../../src/main/window')
    createMainWindow()
    const prefs = created[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.js$/)
    expect(created[0]!.loadURL).toHaveBeenCalledWith('app://berth/index.html')
    // The preload reads the system language from here (app.getLocale()).
    expect(prefs.additionalArguments).toEqual(['--berth-locale=zh-CN'])
  })

  it('registers app:// as a privileged, secure scheme and serves only the renderer folder', async () => {
    const { registerAppScheme, serveAppScheme } = await import('../../src/main/window')
    registerAppScheme()
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
    const root = resolve('/opt/berth/out/renderer')
    serveAppScheme(root)
    const handle = protocolHandlers.app!
    expect(handle({ url: 'app://berth/assets/app.js' })).toEqual({ fetched: `file://${join(root, 'assets/app.js')}` })
    for (const url of ['app://evil/index.html', 'app://berth/%00', 'app://berth/%', 'app://berth/..%2f..%2fetc/passwd', 'app://berth/..%5c..%5cetc/passwd']) {
      expect((handle({ url }) as Response).status, url).toBe(404)
    }
    // Dot segments the URL parser resolves stay inside the renderer folder.
    for (const url of ['app://berth/../../etc/passwd', 'app://berth/%2e%2e/%2e%2e/etc/passwd']) {
      const out = handle({ url }) as Response | { fetched: string }
      if ('fetched' in out) expect(out.fetched.startsWith(`file://${root}/`), url).toBe(true)
      else expect(out.status, url).toBe(404)
    }
  })

  it('treats only the exact app origin as the app', async () => {
    const { isAppUrl } = await import('../../src/main/window')
    expect(isAppUrl('app://berth/index.html')).toBe(true)
    for (const url of ['app://berth.evil/index.html', 'app://evil/renderer/index.html', 'app://user@berth/', 'app://berth:99/', 'file:///opt/Berth/out/renderer/index.html', 'https://evil.example/app://berth/', 'not a url']) {
      expect(isAppUrl(url), url).toBe(false)
    }
  })

  it('trusts the dev server only by its exact origin', async () => {
    const { isAppOrigin } = await import('../../src/main/appProtocol')
    expect(isAppOrigin('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true)
    expect(isAppOrigin('http://localhost:51730/', 'http://localhost:5173')).toBe(false)
    expect(isAppOrigin('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false)
  })
})

describe('security handlers', () => {
  function fakeContents(): {
    handlers: Record<string, (...a: unknown[]) => void>
    windowOpen?: (d: { url: string }) => unknown
    permission?: (...a: unknown[]) => void
    permissionCheck?: (...a: unknown[]) => unknown
    contents: unknown
  } {
    const handlers: Record<string, (...a: unknown[]) => void> = {}
    const self: ReturnType<typeof fakeContents> = { handlers, contents: undefined }
    self.contents = {
      on: (name: string, h: (...a: unknown[]) => void) => (handlers[name] = h),
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => (self.windowOpen = h),
      session: {
        setPermissionRequestHandler: (h: (...a: unknown[]) => void) => (self.permission = h),
        setPermissionCheckHandler: (h: (...a: unknown[]) => unknown) => (self.permissionCheck = h)
      }
    }
    return self
  }

  it('denies navigation away (frames included), new windows, webviews and permissions', async () => {
    const { hardenApp } = await import('../../src/main/security')
    hardenApp((url) => url.startsWith('app://berth/'))
    const wc = fakeContents()
    appHandlers['web-contents-created']!({}, wc.contents)

    const nav = { preventDefault: vi.fn() }
    wc.handlers['will-navigate']!(nav, 'https://evil.example')
    expect(nav.preventDefault).toHaveBeenCalled()
    const ok = { preventDefault: vi.fn() }
    wc.handlers['will-navigate']!(ok, 'app://berth/index.html')
    expect(ok.preventDefault).not.toHaveBeenCalled()
    const frame = { preventDefault: vi.fn(), url: 'https://evil.example/frame' }
    wc.handlers['will-frame-navigate']!(frame)
    expect(frame.preventDefault).toHaveBeenCalled()
    const ownFrame = { preventDefault: vi.fn(), url: 'app://berth/index.html' }
    wc.handlers['will-frame-navigate']!(ownFrame)
    expect(ownFrame.preventDefault).not.toHaveBeenCalled()
    const webview = { preventDefault: vi.fn() }
    wc.handlers['will-attach-webview']!(webview)
    expect(webview.preventDefault).toHaveBeenCalled()

    expect(wc.windowOpen!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(wc.windowOpen!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })

    const answer = vi.fn()
    wc.permission!({}, 'media', answer)
    expect(answer).toHaveBeenCalledWith(false)
    expect(wc.permissionCheck!({}, 'clipboard-read', 'app://berth')).toBe(false)
  })

  it('opens links Berth made at once, asks before any other host, never opens other schemes', async () => {
    const { openExternalSafely } = await import('../../src/main/security')
    await openExternalSafely('https://docs.docker.com/engine/')
    expect(openExternal).toHaveBeenCalledWith('https://docs.docker.com/engine/')
    expect(showMessageBox).not.toHaveBeenCalled()

    showMessageBox.mockResolvedValueOnce({ response: 1 })
    await openExternalSafely('https://evil.example/phish')
    expect(showMessageBox).toHaveBeenCalledTimes(1)
    expect(openExternal).toHaveBeenCalledTimes(1)

    showMessageBox.mockResolvedValueOnce({ response: 0 })
    await openExternalSafely('https://registry.example.com/help')
    expect(openExternal).toHaveBeenLastCalledWith('https://registry.example.com/help')

    await openExternalSafely('file:///etc/passwd')
    await openExternalSafely('smb://evil/share')
    expect(openExternal).toHaveBeenCalledTimes(2)
  })

  it('trusts IPC only from our window’s main frame showing our page', async () => {
    const { isTrustedSender } = await import('../../src/main/security')
    const mainFrame = { url: 'app://berth/index.html' }
    const ours = { mainFrame } as never
    const isApp = (u: string): boolean => u.startsWith('app://berth/')
    expect(isTrustedSender(mainFrame, ours, () => ours, isApp)).toBe(true)
    expect(isTrustedSender({ url: 'app://berth/index.html', parent: mainFrame, routingId: 2 }, ours, () => ours, isApp)).toBe(false) // an iframe
    const top = { url: 'app://berth/index.html', parent: null, routingId: 1 }
    const withIds = { mainFrame: { ...top } } as never
    expect(isTrustedSender(top, withIds, () => withIds, isApp)).toBe(true) // another wrapper of the top frame
    expect(isTrustedSender({ url: 'https://evil.example' }, { mainFrame: { url: 'https://evil.example' } } as never, () => ours, isApp)).toBe(false)
    expect(isTrustedSender(mainFrame, { mainFrame } as never, () => ours, isApp)).toBe(false)
    expect(isTrustedSender(null, ours, () => ours, isApp)).toBe(false)
  })
})

describe('packaging', () => {
  it('flips the Electron fuses: no RunAsNode, NODE_OPTIONS or inspect; asar only, with integrity; cookies encrypted', () => {
    // The block's `key: true|false` lines (no YAML parser needed for that).
    const text = readFileSync(resolve(__dirname, '../../electron-builder.yml'), 'utf8')
    const block = text.slice(text.indexOf('\nelectronFuses:')).split('\n').slice(2)
    const fuses = Object.fromEntries(block.map((l) => /^ {2}(\w+): (true|false)$/.exec(l)).filter((m) => m !== null).map((m) => [m[1], m[2] === 'true']))
    expect(fuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true
    })
  })
})
