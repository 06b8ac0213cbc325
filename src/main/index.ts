// Electron shell: builds the services, the window and the IPC binding. Nothing else lives here.
import { join } from 'node:path'
import { app, dialog, safeStorage, type BrowserWindow } from 'electron'
import type { SecretBox } from './credentials'
import { createDispatch } from './dispatch'
import { createHandlers } from './handlers'
import { bindIpc } from './ipc'
import { installProcessGuards } from './processGuards'
import { hardenApp } from './security'
import { createServices } from './services'
import { createMainWindow, isAppUrl, registerAppScheme, serveAppScheme } from './window'

let mainWindow: BrowserWindow | undefined

installProcessGuards()
app.enableSandbox()
registerAppScheme()
hardenApp(isAppUrl)

if (!app.requestSingleInstanceLock()) app.quit()

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.focus()
})

void app.whenReady().then(() => {
  serveAppScheme()
  const services = createServices({ dataDir: join(app.getPath('userData'), 'berth'), secretBox: safeStorageBox(), chooseSavePath })
  const unbind = bindIpc(createDispatch(createHandlers(services)), services.events, () => mainWindow)
  mainWindow = createMainWindow()
  mainWindow.on('closed', () => (mainWindow = undefined))

  app.on('activate', () => {
    mainWindow ??= createMainWindow()
  })
  app.on('will-quit', () => {
    unbind()
    void services.dispose()
  })
})

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

/** Export…: the system's save dialog, in the user's Downloads folder by default. */
async function chooseSavePath(defaultName: string, filterName: string): Promise<string | undefined> {
  const options = { defaultPath: join(app.getPath('downloads'), defaultName), filters: [{ name: filterName, extensions: ['tar'] }] }
  const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options)
  return result.canceled ? undefined : result.filePath
}

/** Registry passwords sealed by the OS keychain (Keychain, DPAPI, libsecret/kwallet). */
function safeStorageBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined // falls back to the 0600 file, and says so
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined
  // On Linux without a keyring Electron "encrypts" with a fixed key: do not call that protection.
  if (backend === 'basic_text') return undefined
  const description =
    process.platform === 'darwin' ? 'encrypted with the macOS Keychain' : process.platform === 'win32' ? 'encrypted with Windows DPAPI' : `encrypted with the system keyring (${backend})`
  return {
    encrypt: (secret) => safeStorage.encryptString(secret),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
    description
  }
}
