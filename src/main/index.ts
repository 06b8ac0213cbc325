// Electron shell: builds the services, the window and the IPC binding. Nothing else lives here.
import { join } from 'node:path'
import { app, type BrowserWindow } from 'electron'
import { createDispatch } from './dispatch'
import { createHandlers } from './handlers'
import { bindIpc } from './ipc'
import { hardenApp } from './security'
import { createServices } from './services'
import { createMainWindow, isAppUrl } from './window'

let mainWindow: BrowserWindow | undefined

app.enableSandbox()
hardenApp(isAppUrl)

if (!app.requestSingleInstanceLock()) app.quit()

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore()
  mainWindow?.focus()
})

void app.whenReady().then(() => {
  const services = createServices({ dataDir: join(app.getPath('userData'), 'berth') })
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
