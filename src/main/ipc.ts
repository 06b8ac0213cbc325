// The only module that touches ipcMain: every contract call goes through one channel,
// checked for its sender, validated by the contract's schemas (in dispatch) and wrapped.
import { ipcMain, type BrowserWindow } from 'electron'
import { BerthError, IPC_CALL, IPC_EVENT, type Result } from '@shared/contract'
import type { Dispatch } from './dispatch'
import type { EventBus } from './events'
import { isTrustedSender } from './security'
import { isAppUrl } from './window'
import { m } from '@shared/i18n/message'

export function bindIpc(dispatch: Dispatch, events: EventBus, window: () => BrowserWindow | undefined): () => void {
  ipcMain.handle(IPC_CALL, async (event, name: unknown, args: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event.senderFrame, event.sender, () => window()?.webContents, isAppUrl)) {
      return { ok: false, error: new BerthError('INVALID_INPUT', m('errors.untrustedFrame')).toData() }
    }
    return dispatch(name, args)
  })
  const unsubscribe = events.onAny((name, payload) => {
    const win = window()
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, name, payload)
  })
  return () => {
    ipcMain.removeHandler(IPC_CALL)
    unsubscribe()
  }
}
