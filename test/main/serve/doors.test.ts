// Who may talk to `sweeplab serve`, tried the way a hostile page or local script would, with
// Node's http and ws clients: a foreign Host (DNS rebinding), a foreign Origin, a text/plain
// body, the token in the query, the session cookie the page trades its URL token for, and the
// Content-Security-Policy on the page.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CSP } from '../../../src/main/serve/server.ts';
import { api, raw, startHarness } from './serve-harness.ts';
import type { Harness } from './serve-harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ allowHosts: ['lab.example.org'] });
});
afterAll(() => h?.stop());

/** How a WebSocket upgrade ends: 'open', or the HTTP status it was refused with. */
function upgrade(path: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
    ws.on('error', (err) => resolve(err.message));
  });
}

const pageWithToken = () => `/?token=${h.server.token}`;

describe('Host allowlist', () => {
  it('refuses a name it was not told about, on the page, the assets, /api and the WebSocket', async () => {
    const foreign = { Host: `attacker.example:${h.port}` };
    expect((await raw(h.port, { path: pageWithToken(), headers: foreign })).status).toBe(421);
    expect((await raw(h.port, { path: '/assets/x.js', headers: foreign })).status).toBe(421);
    expect((await api(h, 'getStatus', {}, foreign)).status).toBe(421);
    expect(await upgrade('/ws', { ...foreign, Authorization: `Bearer ${h.server.token}` })).toBe('421');
  });

  it('answers loopback names, the listen address and --allow-host names', async () => {
    for (const host of ['127.0.0.1', 'localhost', '[::1]', 'LOCALHOST', 'lab.example.org']) {
      expect((await raw(h.port, { path: pageWithToken(), headers: { Host: `${host}:${h.port}` } })).status, host).toBe(200);
    }
    expect((await raw(h.port, { path: pageWithToken(), headers: { Host: 'not a host' } })).status).toBe(421);
  });
});

describe('same origin', () => {
  it('refuses a foreign Origin on the WebSocket and /api, token or not', async () => {
    const bearer = { Authorization: `Bearer ${h.server.token}` };
    expect(await upgrade('/ws', { ...bearer, Origin: 'http://attacker.example' })).toBe('403');
    expect(await upgrade('/ws', { ...bearer, Origin: `http://127.0.0.1:${h.port + 1}` })).toBe('403');
    expect(await upgrade('/ws', { ...bearer, Origin: `https://127.0.0.1:${h.port}` })).toBe('403');
    expect(await upgrade('/ws', { ...bearer, Origin: 'null' })).toBe('403');
    expect(await upgrade('/ws', { ...bearer, Origin: `http://127.0.0.1:${h.port}` })).toBe('open');
    const foreign = await api(h, 'getStatus', {}, { Origin: 'http://attacker.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'bad_config' } });
    expect((await api(h, 'getStatus', {}, { Origin: `http://127.0.0.1:${h.port}` })).status).toBe(200);
  });
});

describe('the API door', () => {
  it('takes only application/json', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      const answer = await api(h, 'getStatus', {}, { 'Content-Type': type });
      expect(answer.status, type).toBe(415);
      expect(JSON.parse(answer.body).error.message).toContain('Content-Type: application/json');
    }
    expect((await api(h, 'getStatus', {}, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
  });

  it('takes the token only as a Bearer header: not in the query, not from the cookie', async () => {
    const noBearer = { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } };
    expect((await raw(h.port, { ...noBearer, path: `/api/getStatus?token=${h.server.token}` })).status).toBe(401);
    const cookie = `sweeplab-${h.port}=${h.server.token}`;
    expect((await raw(h.port, { ...noBearer, path: '/api/getStatus', headers: { ...noBearer.headers, Cookie: cookie } })).status).toBe(401);
    expect((await api(h, 'getStatus', {}, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect(await upgrade(`/ws?token=${h.server.token}`, {})).toBe('401');
  });
});

describe('the page', () => {
  it('trades the URL token for an HttpOnly, SameSite=Strict cookie of this port, then opens with the cookie alone', async () => {
    const first = await raw(h.port, { path: pageWithToken() });
    expect(first.status).toBe(200);
    const setCookie = first.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toBe(`sweeplab-${h.port}=${h.server.token}; Path=/; HttpOnly; SameSite=Strict`);
    const cookie = setCookie.split(';')[0];
    const again = await raw(h.port, { path: '/', headers: { Cookie: `other=1; ${cookie}` } });
    expect(again.status).toBe(200);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await raw(h.port, { path: '/', headers: { Cookie: `sweeplab-${h.port}=wrong` } })).status).toBe(401);
    expect((await raw(h.port, { path: '/' })).status).toBe(401);
    expect(await upgrade('/ws', { Cookie: cookie, Origin: `http://127.0.0.1:${h.port}` })).toBe('open');
  });

  it('carries the Content-Security-Policy as a header and, in the built page, as a meta tag', async () => {
    const page = await raw(h.port, { path: pageWithToken() });
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const html = readFileSync(new URL('../../../src/renderer/index.html', import.meta.url), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';/);
  });

  it('gets a new token each start', async () => {
    const other = await startHarness();
    try {
      expect(other.server.token).not.toBe(h.server.token);
      expect(other.server.token).toMatch(/^[\w-]{32}$/);
    } finally {
      await other.stop();
    }
  });
});
