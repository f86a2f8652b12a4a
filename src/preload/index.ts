// Preload bridge: exposes `window.sweeplab`, one named function per request of the LabApi
// contract (built from its name list, so it cannot drift) plus `onEvent`. Never a generic
// invoke(channel): the renderer cannot reach any other channel. The only file with ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { channelOf, EVENT_CHANNEL, LAB_REQUEST_NAMES, PRELOAD_GLOBAL } from '../shared/lab-channels.ts';
import type { LabEvent, PreloadApi } from '../shared/lab-api.ts';

const api = Object.fromEntries(LAB_REQUEST_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]));

const bridge = {
  ...api,
  onEvent(listener: (event: LabEvent) => void): () => void {
    // The main process sends the events of the last moments together (src/main/event-batch.ts).
    const wrapped = (_event: IpcRendererEvent, events: LabEvent[]) => {
      for (const event of events) listener(event);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
} as PreloadApi;

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, bridge);
