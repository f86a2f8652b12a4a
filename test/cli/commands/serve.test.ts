// `sweeplab serve`'s refusals, each one `sweeplab: …` line and exit code 1, never a stack: a
// port already taken, a non-loopback --host without TLS or --insecure, half a TLS pair. The
// port test needs the built app (serve checks for it first); `npm run build` makes it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RENDERER_DIR } from '../../../src/main/serve/server.ts';
import { runCli, startCli } from '../../helpers/run-cli.ts';

const home = mkdtempSync(path.join(tmpdir(), 'sweeplab-serve-flags-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const built = existsSync(path.join(DEFAULT_RENDERER_DIR, 'index.html'));
if (!built) console.warn('serve.test.ts: the port test is skipped: the app is not built (run `npm run build`)');

const serve = (...flags: string[]) => runCli(['serve', '--home', home, '--data', path.join(home, 'none'), ...flags]);

describe('sweeplab serve refuses with one line', () => {
  it.skipIf(!built)('a port that is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await serve('--port', String(port));
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`sweeplab: port ${port} is in use (another program, or another sweeplab serve, listens there); pick another --port, or leave it out for a free one\n`);
    } finally {
      taken.close();
    }
  });

  it('a network --host with neither TLS nor --insecure', async () => {
    const result = await serve('--host', '0.0.0.0');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('sweeplab: --host 0.0.0.0 lets other machines reach the lab: give --tls-cert and --tls-key to serve https, or --insecure to serve plain http anyway\n');
  });

  it('a mirror that is not an http(s) URL', async () => {
    const result = await serve('--data-mirror', 'file:///etc/passwd');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('sweeplab: --data-mirror file:///etc/passwd is not an http(s) URL\n');
  });

  it('half a TLS pair, or a certificate that cannot be read', async () => {
    expect((await serve('--tls-cert', 'cert.pem')).stderr).toBe('sweeplab: --tls-cert and --tls-key go together\n');
    const missing = await serve('--tls-cert', path.join(home, 'nope.pem'), '--tls-key', path.join(home, 'nope.key'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^sweeplab: --tls-cert .*nope\.pem: ENOENT: no such file or directory/);
  });
});

describe('sweeplab serve --insecure', () => {
  it.skipIf(!built)('serves a network host over plain http, saying what that exposes', async () => {
    const cli = startCli(['serve', '--home', home, '--data', path.join(home, 'none'), '--host', '0.0.0.0', '--insecure']);
    await cli.stdoutHas('serving at');
    cli.child.kill('SIGINT');
    const result = await cli.result;
    expect(result.stdout).toMatch(/^Sweeplab is serving at http:\/\/0\.0\.0\.0:\d+\/\?token=/);
    expect(result.stderr).toContain('sweeplab: --insecure: serving plain http on 0.0.0.0: anyone who can see the network traffic can read the token, and with it every run, queue and cancel runs, change the settings and start downloads.');
  });
});
