// Picks how the renderer reaches the lab: the preload's `window.sweeplab` inside Electron,
// else serve mode's WebSocket at /ws, authorised by the cookie the page's first load set.
// The WebSocket reconnects after a drop and re-sends nothing: callers of a lost request get
// an `io` error, and listeners get a 'runs-changed' on reconnect, so the stores re-read what
// they may have missed.
import type { LabEvent, LabRequestName, LabResult, PreloadApi, WsFrame } from '../../shared/lab-api.ts';
import type { LabTransport } from './client.ts';
import { forgetUrlToken } from './url-token.ts';

export function ipcTransport(bridge: PreloadApi): LabTransport {
  return {
    kind: 'ipc',
    call: (name, input) => (bridge[name] as (input: unknown) => Promise<never>)(input),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

export function wsTransport(url: string): LabTransport {
  const listeners = new Set<(event: LabEvent) => void>();
  const pending = new Map<number, (result: LabResult<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let opened: Promise<void>;

  let connections = 0;

  const connect = () => {
    socket = new WebSocket(url);
    opened = new Promise((resolve) => socket.addEventListener('open', () => {
      if (connections++ > 0) for (const listener of listeners) listener({ kind: 'runs-changed' });
      resolve();
    }, { once: true }));
    socket.addEventListener('message', (message) => {
      const frame = JSON.parse(String(message.data)) as WsFrame;
      if ('events' in frame) for (const event of frame.events) for (const listener of listeners) listener(event);
      else pending.get(frame.id)?.(frame.result);
      if ('id' in frame) pending.delete(frame.id);
    });
    socket.addEventListener('close', () => {
      for (const [id, resolve] of pending) resolve({ ok: false, error: { code: 'io', message: `the connection to the lab closed (request ${id})` } });
      pending.clear();
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    kind: 'ws',
    async call(name: LabRequestName, input: unknown) {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: LabResult<unknown>) => void);
        socket.send(JSON.stringify({ id, method: name, params: input }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as LabTransport;
}

export function pickTransport(): LabTransport {
  if (window.sweeplab) return ipcTransport(window.sweeplab);
  forgetUrlToken();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return wsTransport(`${scheme}://${location.host}/ws`);
}
