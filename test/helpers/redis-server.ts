// A real, throw-away Redis for the tests of remote workers: Debian's `redis-server` on a free
// port of 127.0.0.1, with its own temporary folder and no persistence, stopped by its pid.
// Not a mock and not a global setup: only the Redis test files start one, and a file that
// finds no redis-server skips its tests with a printed reason (`.ci/run` installs it). With
// `tls`, it listens for TLS only, with the test certificates of test/fixtures/tls.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';

/** The redis-server executable on PATH, or undefined. */
export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const file = found.stdout.trim();
  return found.status === 0 && file !== '' ? file : undefined;
}

/** Why the Redis tests of a file are skipped, printed once; undefined when they can run. */
export function redisSkipReason(): string | undefined {
  if (findRedisServer()) return undefined;
  const reason = 'no redis-server on PATH: the remote-worker tests need Debian\'s redis-server package (apt-get install -y redis-server); skipping them';
  console.warn(`sweeplab tests: ${reason}`);
  return reason;
}

/** The test certificates: a CA and a server certificate for 127.0.0.1 and localhost. */
export const TEST_TLS = {
  ca: fileURLToPath(new URL('../fixtures/tls/ca.pem', import.meta.url)),
  cert: fileURLToPath(new URL('../fixtures/tls/server.pem', import.meta.url)),
  key: fileURLToPath(new URL('../fixtures/tls/server-key.pem', import.meta.url)),
};

export interface TestRedis {
  port: number;
  /** redis://127.0.0.1:PORT (rediss:// with TLS), with the password when one was asked for. */
  url: string;
  pid: number;
  /** Stops the server and starts an empty one on the same port (a Redis that lost everything). */
  restartEmpty(): Promise<void>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Sends PING (with AUTH first when there is a password) and resolves on any reply to it. */
function ping(port: number, password: string | undefined, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const hello = () => socket.write(`${password ? `AUTH ${password}\r\n` : ''}PING\r\n`);
    const socket = tls ? tlsConnect({ port, host: '127.0.0.1', ca: readFileSync(TEST_TLS.ca) }, hello) : new Socket();
    let reply = '';
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (/\+PONG\r\n$/.test(reply)) done(true);
    });
    if (!tls) socket.connect(port, '127.0.0.1', hello);
  });
}

async function waitForPing(port: number, password: string | undefined, tls: boolean, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${log()}`);
    if (await ping(port, password, tls)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not answer PING on port ${port} within 15 s:\n${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    process.kill(child.pid!, 'SIGTERM');
  });
}

/** Starts redis-server; `password` turns on `requirepass`, `tls` makes it listen for TLS only. */
export async function startRedis(options: { password?: string; tls?: boolean } = {}): Promise<TestRedis> {
  const executable = findRedisServer();
  if (!executable) throw new Error('no redis-server on PATH');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sweeplab-redis-'));
  const port = await freePort();
  let child!: ChildProcess;
  let log = '';
  const launch = async () => {
    log = '';
    child = spawn(executable, [
      ...(options.tls
        ? ['--port', '0', '--tls-port', String(port), '--tls-cert-file', TEST_TLS.cert, '--tls-key-file', TEST_TLS.key, '--tls-ca-cert-file', TEST_TLS.ca, '--tls-auth-clients', 'no']
        : ['--port', String(port)]),
      '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no',
      ...(options.password ? ['--requirepass', options.password] : []),
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => { log += chunk.toString('utf8'); });
    child.stderr!.on('data', (chunk: Buffer) => { log += chunk.toString('utf8'); });
    await waitForPing(port, options.password, options.tls === true, child, () => log);
  };
  await launch();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `${options.tls ? 'rediss' : 'redis'}://${auth}127.0.0.1:${port}`,
    get pid() { return child.pid!; },
    async restartEmpty() {
      await stopChild(child);
      await launch();
    },
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
