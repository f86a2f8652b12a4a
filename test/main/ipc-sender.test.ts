// The IPC handlers answer only the app's own page in the main frame of the app's window; any
// other sender (another window, an iframe, a page the window was navigated to, a destroyed
// window) gets a bad_config error as data and the lab never sees the request. Electron is
// mocked: ipcMain records the handlers, the window and events are plain objects.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { LabService } from '../../src/main/lab-service.ts';
import { channelOf, LAB_REQUEST_NAMES } from '../../src/shared/lab-api.ts';

const handlers = new Map<string, (event: IpcMainInvokeEvent, input: unknown) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: IpcMainInvokeEvent, input: unknown) => unknown) => handlers.set(channel, handler),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { registerLabIpc } = await import('../../src/main/ipc.ts');

const PAGE = 'file:///opt/Sweeplab/resources/app/out/renderer/index.html';
const dispatch = vi.fn(async () => ({ ok: true, value: 'answered' }));
const service = { dispatch, subscribe: () => () => undefined } as unknown as LabService;
let destroyed = false;
const window = { webContents: { id: 7, send: vi.fn() }, isDestroyed: () => destroyed } as unknown as BrowserWindow;

const event = (senderId: number, frame: { url: string; parent: object | null } | null) =>
  ({ sender: { id: senderId }, senderFrame: frame }) as unknown as IpcMainInvokeEvent;
const topFrame = (url: string) => ({ url, parent: null });
const ask = (e: IpcMainInvokeEvent) => handlers.get(channelOf('getStatus'))!(e, {});

beforeEach(() => {
  handlers.clear();
  dispatch.mockClear();
  destroyed = false;
  registerLabIpc(service, window, PAGE);
});

describe('IPC sender check', () => {
  it('registers a handler per request and answers the app page, on any route', async () => {
    expect([...handlers.keys()].sort()).toEqual(LAB_REQUEST_NAMES.map(channelOf).sort());
    expect(await ask(event(7, topFrame(PAGE)))).toEqual({ ok: true, value: 'answered' });
    expect(await ask(event(7, topFrame(`${PAGE}#/run/4`)))).toEqual({ ok: true, value: 'answered' });
    expect(dispatch).toHaveBeenCalledTimes(2);
  });

  it('refuses every other sender without reaching the lab', async () => {
    const refused = { ok: false, error: { code: 'bad_config', message: "request from a frame that is not the app's window" } };
    expect(await ask(event(8, topFrame(PAGE)))).toEqual(refused); // another window
    expect(await ask(event(7, { url: PAGE, parent: {} }))).toEqual(refused); // an iframe, even of our page
    expect(await ask(event(7, topFrame('https://attacker.example/')))).toEqual(refused);
    expect(await ask(event(7, topFrame('file:///tmp/evil.html')))).toEqual(refused);
    expect(await ask(event(7, null))).toEqual(refused); // the frame is gone
    destroyed = true;
    expect(await ask(event(7, topFrame(PAGE)))).toEqual(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });
});
