// The serve-mode server's caps, each tried past its limit with Node's net, http and ws clients:
// open connections, open WebSockets, frames per second on one socket, and the body size. The
// limits are set low here so the test stays small; the defaults are in frame-budget.ts.
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FrameBudget } from '../../../src/main/serve/frame-budget.ts';
import { api, startHarness } from './serve-harness.ts';
import type { Harness } from './serve-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ limits: { connections: 4, sockets: 2, framesPerSecond: 2, frameBurst: 5, queuedFrames: 10, bodyBytes: 4096 } });
});
afterAll(() => h?.stop());

const openSocket = (headers: Record<string, string> = { Authorization: `Bearer ${h.server.token}` }) => new Promise<WebSocket | string>((resolve) => {
  const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws`, { headers });
  ws.on('open', () => resolve(ws));
  ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
  ws.on('error', (err) => resolve(err.message));
});

/** A socket, once the server has counted the previous test's sockets as closed. */
async function freeSocket(): Promise<WebSocket> {
  for (;;) {
    const ws = await openSocket();
    if (ws instanceof WebSocket) return ws;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The ids of the answers `ws` receives, as they come. */
function answeredIds(ws: WebSocket): number[] {
  const ids: number[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { id?: number };
    if (frame.id !== undefined) ids.push(frame.id);
  });
  return ids;
}

describe('serve limits', () => {
  it('refuses a WebSocket past the open-socket cap, and takes one again once a socket closes', async () => {
    const first = await openSocket();
    const second = await openSocket();
    expect(first).toBeInstanceOf(WebSocket);
    expect(second).toBeInstanceOf(WebSocket);
    expect(await openSocket()).toBe('503');
    (first as WebSocket).close();
    await new Promise((resolve) => (first as WebSocket).once('close', resolve));
    await expect.poll(async () => {
      const again = await openSocket();
      if (again instanceof WebSocket) again.close();
      return again instanceof WebSocket;
    }).toBe(true);
    (second as WebSocket).close();
    await new Promise((resolve) => (second as WebSocket).once('close', resolve));
  });

  it('answers a burst past the budget in full, the frames past it at the budget\'s rate', async () => {
    const ws = await freeSocket();
    const answers = answeredIds(ws);
    for (let id = 1; id <= 8; id++) ws.send(JSON.stringify({ id, method: 'getStatus', params: {} }));
    await expect.poll(() => answers.length, { timeout: 5000 }).toBe(8);
    expect([...answers].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
  });

  it('closes a socket with more frames waiting than the queue holds', async () => {
    const ws = await freeSocket();
    const answers = answeredIds(ws);
    const closed = new Promise<[number, string]>((resolve) => ws.once('close', (code, reason) => resolve([code, String(reason)])));
    for (let id = 1; id <= 40; id++) ws.send(JSON.stringify({ id, method: 'getStatus', params: {} }));
    expect(await closed).toEqual([1008, 'too many frames waiting (at most 2 a second)']);
    expect(answers.length).toBeLessThanOrEqual(6); // the burst, perhaps one earned meanwhile; none of the waiting ones
  });

  it('answers a body over the cap with 413, as data, and never hands it to the lab', async () => {
    const big = await api(h, 'updateSettings', { dataPath: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toEqual({ ok: false, error: { code: 'bad_config', message: 'the request body is over 4096 bytes' } });
    const frameTooBig = await freeSocket();
    const closed = new Promise<number>((resolve) => frameTooBig.once('close', resolve));
    frameTooBig.send(JSON.stringify({ id: 1, method: 'getStatus', params: { pad: 'x'.repeat(5000) } }));
    expect(await closed).toBe(1009); // message too big
  });

  it('drops connections past the cap', async () => {
    const own = await startHarness({ limits: { connections: 3 } });
    const held: Socket[] = [];
    const dropped = async () => {
      const socket = connect(own.port, '127.0.0.1');
      held.push(socket);
      // Node closes a connection over maxConnections as soon as it is accepted.
      return new Promise<boolean>((resolve) => {
        socket.once('close', () => resolve(true));
        setTimeout(() => resolve(false), 300);
      });
    };
    try {
      const outcomes = [];
      for (let i = 0; i < 5; i++) outcomes.push(await dropped());
      expect(outcomes).toEqual([false, false, false, true, true]);
    } finally {
      for (const socket of held) socket.destroy();
      await own.stop();
    }
  });
});

describe('FrameBudget', () => {
  it('gives the burst at once, then the rate', () => {
    const budget = new FrameBudget(10, 3, 0);
    expect([budget.take(0), budget.take(0), budget.take(0), budget.take(0)]).toEqual([true, true, true, false]);
    expect(budget.take(50)).toBe(false); // half a frame earned
    expect(budget.take(100)).toBe(true);
    expect(budget.take(10_000)).toBe(true); // refills to the burst, not beyond
    expect([budget.take(10_000), budget.take(10_000), budget.take(10_000)]).toEqual([true, true, false]);
  });
});
