// The Electron IPC adapter of the LabApi contract: one handler per request name of
// src/shared/lab-api.ts, each handing its payload to LabService.dispatch (which validates it),
// and the service's events pushed to the window in batches (event-batch.ts). The only file
// that touches ipcMain.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { channelOf, EVENT_CHANNEL, LAB_REQUEST_NAMES } from '../shared/lab-api.ts';
import { subscribeInBatches } from './event-batch.ts';
import type { LabService } from './lab-service.ts';

/** Registers every request handler for `window` only; returns a function that removes them. */
export function registerLabIpc(service: LabService, window: BrowserWindow): () => void {
  const fromOurWindow = (event: IpcMainInvokeEvent) =>
    event.sender.id === window.webContents.id && (event.senderFrame?.url ?? '').startsWith('file://');
  for (const name of LAB_REQUEST_NAMES) {
    ipcMain.handle(channelOf(name), (event, input: unknown) => {
      if (!fromOurWindow(event)) return { ok: false, error: { code: 'bad_config', message: 'request from an unknown frame' } };
      return service.dispatch(name, input);
    });
  }
  const unsubscribe = subscribeInBatches((listener) => service.subscribe(listener), (events) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, events);
  });
  return () => {
    unsubscribe();
    for (const name of LAB_REQUEST_NAMES) ipcMain.removeHandler(channelOf(name));
  };
}
