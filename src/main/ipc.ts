// The Electron IPC adapter of the LabApi contract: one handler per request name of
// src/shared/lab-api.ts, each handing its payload to LabService.dispatch (which validates it),
// and the service's events pushed to the window in batches (event-batch.ts). A request is
// answered only when it comes from the app's own page in the main frame of the app's window:
// not another window, not an iframe, not a page the window was somehow navigated to. The only
// file that touches ipcMain.
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { channelOf, EVENT_CHANNEL, LAB_REQUEST_NAMES } from '../shared/lab-api.ts';
import { subscribeInBatches } from './event-batch.ts';
import type { LabService } from './lab-service.ts';

/** The page's address without its #route (the router lives in the hash) or query. */
const pageOf = (url: string) => url.replace(/[?#].*$/, '');

/** Registers every request handler for `window` only, showing `pageUrl`; returns a function that removes them. */
export function registerLabIpc(service: LabService, window: BrowserWindow, pageUrl: string): () => void {
  const fromOurPage = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    // Ids, not object identity: Electron may hand out a new wrapper for the same contents.
    return !window.isDestroyed() && event.sender.id === window.webContents.id && frame !== null
      && frame.parent === null && pageOf(frame.url) === pageOf(pageUrl);
  };
  for (const name of LAB_REQUEST_NAMES) {
    ipcMain.handle(channelOf(name), (event, input: unknown) => {
      if (!fromOurPage(event)) return { ok: false, error: { code: 'bad_config', message: 'request from a frame that is not the app\'s window' } };
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
