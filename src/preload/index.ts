// Exposes exactly one object, window.api, built from the contract. No raw ipcRenderer leaks out.
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { IPC_CALL, IPC_EVENT } from '@shared/contract/channels'
import type { BerthEvents, EventName, WindowApi } from '@shared/contract'

const LOCALE_ARG = '--berth-locale='

const api: WindowApi = {
  call: (name, args) => ipcRenderer.invoke(IPC_CALL, name, args),
  on<E extends EventName>(event: E, listener: (payload: BerthEvents[E]) => void) {
    const wrapped = (_e: Electron.IpcRendererEvent, name: EventName, payload: unknown): void => {
      if (name === event) listener(payload as BerthEvents[E])
    }
    ipcRenderer.on(IPC_EVENT, wrapped)
    return () => void ipcRenderer.off(IPC_EVENT, wrapped)
  },
  pathForFile: (file) => webUtils.getPathForFile(file),
  // main passes app.getLocale() as an argument: the renderer picks its language before first paint.
  systemLocale: process.argv.find((a) => a.startsWith(LOCALE_ARG))?.slice(LOCALE_ARG.length)
}

contextBridge.exposeInMainWorld('api', api)
