// The Electron IPC adapter over a real LabService (fixture data), with `electron` mocked at its
// API: one handler per request, registered once and removed on close; every payload handed to
// the service's validation, errors answered as data; requests from anything but the app's page
// in the main frame of its window refused without reaching the lab; the lab's events sent to
// the window in batches.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { EVENT_BATCH_MS } from '../../src/main/event-batch.ts';
import { registerLabIpc } from '../../src/main/ipc.ts';
import { LabService } from '../../src/main/lab-service.ts';
import { channelOf, EVENT_CHANNEL, LAB_REQUESTS } from '../../src/shared/lab-api.ts';
import type { LabRequestName } from '../../src/shared/lab-api.ts';
import { FIXTURE_DATA_DIR, makeTempDir } from '../helpers/fixture-data.ts';

type Handler = (event: unknown, input: unknown) => unknown;
const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>(), handleCalls: [] as string[], removed: [] as string[] }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      electron.handleCalls.push(channel);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      electron.removed.push(channel);
      electron.handlers.delete(channel);
    },
  },
}));

const WINDOW_ID = 7;
const send = vi.fn();
let destroyed = false;
const fakeWindow = { webContents: { id: WINDOW_ID, send }, isDestroyed: () => destroyed } as unknown as BrowserWindow;
const PAGE = 'file:///app/out/renderer/index.html';
/** An invoke event as Electron builds it: which webContents and frame (top-level unless given a parent) sent the request. */
const from = (senderId: number, url: string, parent: object | null = null) => ({ sender: { id: senderId }, senderFrame: { url, parent } });
const ours = from(WINDOW_ID, PAGE);
const invoke = (name: LabRequestName, input: unknown, event = ours) => electron.handlers.get(channelOf(name))!(event, input);

const REQUESTS = Object.keys(LAB_REQUESTS) as LabRequestName[];
let home: string;
let service: LabService;
let unregister: () => void;

beforeAll(async () => {
  home = await makeTempDir('sweeplab-ipc-test-');
  service = await LabService.open({ home, data: FIXTURE_DATA_DIR, workers: 1 });
  unregister = registerLabIpc(service, fakeWindow, PAGE);
});

afterAll(async () => {
  await service?.close();
  await rm(home, { recursive: true, force: true });
});

describe('registerLabIpc', () => {
  it('registers one handler per request of the contract, each once', () => {
    expect([...electron.handleCalls].sort()).toEqual(REQUESTS.map(channelOf).sort());
  });

  it('answers a valid request with the service\'s value', async () => {
    expect(await invoke('listRuns', {})).toEqual({ ok: true, value: [] });
    expect(await invoke('listPresets', {})).toMatchObject({ ok: true, value: { runs: expect.arrayContaining([expect.objectContaining({ id: 'ex3-bn-3layer' })]) } });
  });

  it('validates every payload and answers a bad one with a bad_config error as data', async () => {
    for (const name of REQUESTS) {
      const answer = await invoke(name, { notAField: 1 });
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'bad_config', message: expect.stringMatching(new RegExp(`^bad ${name} request: `)) } });
    }
    expect(await invoke('getRun', { id: 'one' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('bad getRun request: id:') } });
  });

  it('answers a failing request with its error as data, not a rejection', async () => {
    expect(await invoke('getRun', { id: 999 })).toEqual({ ok: false, error: { code: 'bad_config', message: 'no run 999' } });
  });

  it('answers the app page on any route', async () => {
    expect(await invoke('listRuns', {}, from(WINDOW_ID, `${PAGE}#/run/4`))).toEqual({ ok: true, value: [] });
  });

  it('refuses every sender but the app\'s page in its window\'s main frame, without reaching the lab', async () => {
    const refused = { ok: false, error: { code: 'bad_config', message: "request from a frame that is not the app's window" } };
    const dispatch = vi.spyOn(service, 'dispatch');
    try {
      expect(await invoke('listRuns', {}, from(WINDOW_ID + 1, PAGE))).toEqual(refused); // another window
      expect(await invoke('listRuns', {}, from(WINDOW_ID, PAGE, {}))).toEqual(refused); // an iframe, even of our page
      expect(await invoke('listRuns', {}, from(WINDOW_ID, 'https://example.com/'))).toEqual(refused);
      expect(await invoke('listRuns', {}, from(WINDOW_ID, 'file:///tmp/evil.html'))).toEqual(refused);
      expect(await invoke('listRuns', {}, { sender: { id: WINDOW_ID }, senderFrame: null } as never)).toEqual(refused); // the frame is gone
      destroyed = true;
      expect(await invoke('listRuns', {})).toEqual(refused);
      expect(dispatch).not.toHaveBeenCalled();
    } finally {
      destroyed = false;
      dispatch.mockRestore();
    }
  });

  it('sends the lab\'s events to the window in one batch', async () => {
    send.mockClear();
    await invoke('pauseQueue', {});
    await invoke('resumeQueue', {});
    expect(send).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, EVENT_BATCH_MS + 50));
    expect(send).toHaveBeenCalledTimes(1);
    const [channel, events] = send.mock.calls[0] as [string, Array<{ kind: string; status: { paused: boolean } }>];
    expect(channel).toBe(EVENT_CHANNEL);
    expect(events.map((e) => [e.kind, e.status.paused])).toEqual([['status', true], ['status', false]]);
  });

  it('removes every handler it registered', () => {
    unregister();
    expect([...electron.removed].sort()).toEqual(REQUESTS.map(channelOf).sort());
    expect(electron.handlers.size).toBe(0);
  });
});
