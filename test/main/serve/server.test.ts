// Serve mode over a real LabService on the fixture slice: the token guards the page, the API
// and the WebSocket; payloads are validated (bad ones answered as data, nothing stored); a
// sweep queued over the WebSocket runs and its events arrive on the same socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../../src/main/serve/server.ts';
import type { LabEvent, WsFrame } from '../../../src/shared/lab-api.ts';
import { openServedLab } from '../../helpers/served-lab.ts';
import type { ServedLab } from '../../helpers/served-lab.ts';

let lab: ServedLab;
let home: string;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  lab = await openServedLab('sweeplab-serve-test-');
  ({ home, server, base } = lab);
});

afterAll(() => lab?.close());

const api = (name: string, body: unknown, token = server.token) =>
  fetch(`${base}/api/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

/** The fields these tests read of an answer. */
interface Answer {
  ok: boolean;
  value: { table: { kind: string; rows: unknown[] }; workers: number };
  error: { code: string; message: string; details: { issues: unknown } };
}
const answer = async (name: string, body: unknown) => (await (await api(name, body)).json()) as Answer;

describe('sweeplab serve', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses the page, the API and the WebSocket without the right token', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await api('getStatus', {}, 'wrong')).status).toBe(401);
    const refused = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`${base.replace('http', 'ws')}/ws?token=wrong`);
      ws.on('error', (err) => resolve(err.message));
      ws.on('open', () => resolve('open'));
    });
    expect(refused).toMatch(/401/);
    expect((await fetch(`${base}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
  });

  it("serves the app's icon as /favicon.ico, which browsers ask for unprompted", async () => {
    const icon = await fetch(`${base}/favicon.ico`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/x-icon');
    expect([...new Uint8Array(await icon.arrayBuffer()).subarray(0, 4)]).toEqual([0, 0, 1, 0]); // the ICO signature
  });

  it('answers a bad payload with a bad_config error and stores nothing', async () => {
    const wrongShape = await api('getRun', { id: 'one' });
    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.json()).toMatchObject({ ok: false, error: { code: 'bad_config', message: expect.stringContaining('bad getRun request: id:') } });
    const badSpec = await answer('createSweep', { spec: { name: 'x', base: { network: { hidden: [4] }, lambda: -1, schedule: { stepSize: 5, cycles: 1 } } } });
    expect(badSpec.error.details.issues).toEqual([{ path: 'base.lambda', message: 'must be a number >= 0 (got -1)' }]);
    expect((await answer('nope', {})).error.message).toBe('unknown request "nope"');
    expect((await answer('listRuns', {})).value).toEqual([]);
  });

  it('runs a sweep queued over the WebSocket and pushes its events there', async () => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws`, { headers: { Authorization: `Bearer ${server.token}` } });
    const events: LabEvent[] = [];
    const answers = new Map<number, unknown>();
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as WsFrame;
      if ('events' in frame) events.push(...frame.events);
      else answers.set(frame.id, frame.result);
    });
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ id: 7, method: 'createSweep', params: { sweepPreset: 'smoke' } }));
    await expect.poll(() => events.filter((e) => e.kind === 'run-finished').length, { timeout: 60_000 }).toBe(4);
    expect(answers.get(7)).toMatchObject({ ok: true, value: { sweepId: 1, runIds: [1, 2, 3, 4] } });
    expect(events.flatMap((e) => (e.kind === 'run-finished' ? [e.error?.message ?? e.status] : []))).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(events.some((e) => e.kind === 'record')).toBe(true);
    const report = await answer('getSweepReport', { id: 1 });
    expect(report.value.table.kind).toBe('lambda');
    expect(report.value.table.rows).toHaveLength(4);
    ws.send('not json');
    await new Promise((resolve) => ws.once('close', resolve));
  });

  it('saves settings, refusing a data location that is not CIFAR-10', async () => {
    const refused = await answer('updateSettings', { dataPath: home });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_data' } });
    const saved = await answer('updateSettings', { workers: 2 });
    expect(saved.value.workers).toBe(2); // a count picked in the app wins over this session's --workers, as the data does
  });
});
