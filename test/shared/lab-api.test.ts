// The LabApi contract is whole: every request of its runtime map (LAB_REQUESTS) has an IPC
// handler (main), a preload function, and a route in serve mode, over HTTP (`POST /api/<name>`)
// and over the WebSocket, each reaching the lab's validation. A request added to the contract
// but not to a transport fails here; `electron` is mocked at its API, the server is real.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import WebSocket from 'ws';
import { registerLabIpc } from '../../src/main/ipc.ts';
import { channelOf, LAB_REQUEST_NAMES, LAB_REQUESTS, PRELOAD_GLOBAL } from '../../src/shared/lab-api.ts';
import type { WsFrame } from '../../src/shared/lab-api.ts';
import { openServedLab } from '../helpers/served-lab.ts';
import type { ServedLab } from '../helpers/served-lab.ts';

const electron = vi.hoisted(() => ({ handled: [] as string[], exposed: new Map<string, Record<string, unknown>>() }));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string) => electron.handled.push(channel), removeHandler: () => {} },
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on: () => {}, removeListener: () => {} },
}));

/** The contract's requests, read from its runtime map, not listed by hand. */
const REQUESTS = Object.keys(LAB_REQUESTS);
/** Every request schema is a strict object (or a union of them): an unknown field is refused. */
const BAD_PAYLOAD = { notAField: 1 };

let lab: ServedLab;
beforeAll(async () => {
  lab = await openServedLab('sweeplab-contract-test-');
});
afterAll(() => lab?.close());

const post = (name: string, body: unknown) =>
  fetch(`${lab.base}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${lab.server.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('the LabApi contract', () => {
  it('has at least the requests the UI is built on, and the channel list names the same ones', () => {
    expect(REQUESTS).toEqual(expect.arrayContaining(['getStatus', 'listRuns', 'createSweep', 'cancelRun', 'getRunConfusion']));
    expect([...LAB_REQUEST_NAMES].sort()).toEqual([...REQUESTS].sort());
  });

  it('has an IPC handler for every request', () => {
    registerLabIpc(lab.service, { webContents: { id: 1, send: () => {} }, isDestroyed: () => true } as unknown as BrowserWindow, 'file:///app/out/renderer/index.html');
    expect([...electron.handled].sort()).toEqual(REQUESTS.map((name) => channelOf(name as never)).sort());
  });

  it('has a preload function for every request, and nothing else but onEvent', async () => {
    await import('../../src/preload/index.ts');
    const bridge = electron.exposed.get(PRELOAD_GLOBAL) ?? {};
    expect(Object.keys(bridge).sort()).toEqual([...REQUESTS, 'onEvent'].sort());
  });

  it('routes every request over HTTP to the lab\'s validation: a bad payload is a validation error, not a 404', async () => {
    for (const name of REQUESTS) {
      const response = await post(name, BAD_PAYLOAD);
      expect(response.status, name).toBe(400);
      expect(await response.json(), name).toMatchObject({ ok: false, error: { code: 'bad_config', message: expect.stringMatching(new RegExp(`^bad ${name} request: `)) } });
    }
  });

  it('refuses a request name the contract does not have', async () => {
    const response = await post('dropTables', {});
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'bad_config', message: 'unknown request "dropTables"' } });
    expect((await post('__proto__', {})).status).toBe(400);
  });

  it('routes every request over the WebSocket, and closes a socket that names another', async () => {
    const ws = new WebSocket(`${lab.base.replace('http', 'ws')}/ws`, { headers: { Authorization: `Bearer ${lab.server.token}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const answers = new Map<number, unknown>();
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as WsFrame;
      if ('id' in frame) answers.set(frame.id, frame.result);
    });
    REQUESTS.forEach((method, id) => ws.send(JSON.stringify({ id, method, params: BAD_PAYLOAD })));
    await vi.waitFor(() => expect(answers.size).toBe(REQUESTS.length));
    REQUESTS.forEach((name, id) => {
      expect(answers.get(id), name).toMatchObject({ ok: false, error: { code: 'bad_config', message: expect.stringMatching(new RegExp(`^bad ${name} request: `)) } });
    });
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    ws.send(JSON.stringify({ id: 99, method: 'dropTables', params: {} }));
    expect(await closed).toBe(1003);
  });
});
