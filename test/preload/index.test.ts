// The preload with `electron` mocked at its API: it exposes exactly one function per request
// of the contract plus onEvent under window.sweeplab, each invoking only its own channel with
// the payload as given; onEvent unpacks the main process's batches and can be removed.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { channelOf, EVENT_CHANNEL, LAB_REQUESTS, PRELOAD_GLOBAL } from '../../src/shared/lab-api.ts';
import type { LabEvent, LabRequestName, PreloadApi } from '../../src/shared/lab-api.ts';

type EventListener = (event: unknown, events: LabEvent[]) => void;
const electron = vi.hoisted(() => ({
  exposed: [] as Array<[string, unknown]>,
  invoked: [] as Array<[string, unknown]>,
  listeners: new Map<string, EventListener[]>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.push([key, api]) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      electron.invoked.push([channel, input]);
      return { ok: true, value: `answer of ${channel}` };
    },
    on: (channel: string, listener: EventListener) => electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), listener]),
    removeListener: (channel: string, listener: EventListener) => electron.listeners.set(channel, (electron.listeners.get(channel) ?? []).filter((l) => l !== listener)),
  },
}));

const REQUESTS = Object.keys(LAB_REQUESTS) as LabRequestName[];
let bridge: PreloadApi;

beforeAll(async () => {
  await import('../../src/preload/index.ts');
  bridge = electron.exposed[0]?.[1] as PreloadApi;
});

describe('preload', () => {
  it('exposes one object, under window.sweeplab', () => {
    expect(electron.exposed.map(([key]) => key)).toEqual([PRELOAD_GLOBAL]);
  });

  it('exposes exactly a function per request of the contract, plus onEvent', () => {
    expect(Object.keys(bridge).sort()).toEqual([...REQUESTS, 'onEvent'].sort());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as unknown as Record<string, unknown>)[key], key).toBe('function');
  });

  it('sends each request on its own channel with the payload as given, and returns the answer', async () => {
    for (const name of REQUESTS) {
      electron.invoked.length = 0;
      const payload = { probe: name };
      const answer = await (bridge[name] as (input: unknown) => Promise<unknown>)(payload);
      expect(electron.invoked, name).toEqual([[channelOf(name), payload]]);
      expect(answer).toEqual({ ok: true, value: `answer of ${channelOf(name)}` });
    }
  });

  it('delivers each event of a batch in order, until the listener is removed', () => {
    const seen: LabEvent[] = [];
    const off = bridge.onEvent((event) => seen.push(event));
    const [listener] = electron.listeners.get(EVENT_CHANNEL) ?? [];
    const batch: LabEvent[] = [{ kind: 'runs-changed' }, { kind: 'run-finished', runId: 3, status: 'completed', error: null }];
    listener({}, batch);
    expect(seen).toEqual(batch);
    off();
    expect(electron.listeners.get(EVENT_CHANNEL)).toEqual([]);
  });
});
