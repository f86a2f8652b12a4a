// serve with --tls-cert/--tls-key: the server speaks https (and wss), prints an https URL, and
// its session cookie is Secure. The certificate is made for the test with openssl.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { makeTempDir } from '../../helpers/fixture-data.ts';
import { raw, startHarness } from './serve-harness.ts';
import type { Harness } from './serve-harness.ts';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const opensslHere = hasOpenssl();
if (!opensslHere) console.warn('tls.test.ts: skipped, no openssl on PATH to make a test certificate');

let h: Harness;
let cert: Buffer;
beforeAll(async () => {
  if (!opensslHere) return;
  const dir = await makeTempDir('sweeplab-tls-');
  const [certFile, keyFile] = [path.join(dir, 'cert.pem'), path.join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
  cert = readFileSync(certFile);
  h = await startHarness({ tls: { cert, key: readFileSync(keyFile) } });
});
afterAll(() => h?.stop());

describe.skipIf(!opensslHere)('serve over TLS', () => {
  it('serves https with a Secure cookie, and wss with it', async () => {
    expect(h.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const page = await raw(h.port, { path: `/?token=${h.server.token}`, https: { ca: cert } });
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']?.[0]).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    const opened = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`wss://127.0.0.1:${h.port}/ws`, {
        ca: cert, headers: { Cookie: page.headers['set-cookie']![0].split(';')[0], Origin: `https://127.0.0.1:${h.port}` },
      });
      ws.on('open', () => { ws.close(); resolve('open'); });
      ws.on('error', (err) => resolve(err.message));
    });
    expect(opened).toBe('open');
    // The same page asked over plain http gets no answer it could use.
    await expect(raw(h.port, { path: '/' })).rejects.toThrow();
  });
});
