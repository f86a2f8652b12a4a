// Where the queues live: a `redis://[user:password@]host[:port][/db]` or `rediss://` (TLS) URL,
// turned into ioredis options for BullMQ. Refuses what would expose the lab — a Redis on a
// non-loopback address without a password — unless asked to (`insecure`), and waits for a
// Redis that cannot be reached yet with a growing pause, saying so. Queues: remote-queues.ts.
import { isIP } from 'node:net';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { ConfigError } from '../../shared/errors.ts';

export interface RedisTarget {
  /** The URL without its password, for messages. */
  display: string;
  options: RedisOptions;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(host: string): boolean {
  return LOOPBACK.has(host) || (isIP(host) === 4 && host.startsWith('127.'));
}

/** Pauses between reconnection attempts: 0.5 s doubling to 30 s. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
}

export function parseRedisUrl(text: string, options: { insecure?: boolean } = {}): RedisTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`--redis: "${text}" is not a URL; expected redis://[user:password@]host[:port] or rediss://…`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`--redis: "${text}" is not a Redis URL; expected redis://[user:password@]host[:port] or rediss:// (TLS)`);
  }
  const host = url.hostname;
  if (host === '') throw new ConfigError(`--redis: "${text}" names no host`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new ConfigError(`--redis: "${url.pathname.slice(1)}" is not a database number`);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const tls = url.protocol === 'rediss:';
  const display = `${url.protocol}//${username ? `${username}@` : ''}${url.host}${db ? `/${db}` : ''}`;
  if (!password && !isLoopback(host) && !options.insecure) {
    throw new ConfigError(
      `--redis: ${display} is not on this machine and has no password; anyone who reaches it could feed runs to your workers. ` +
      'Protect it (requirepass or an ACL user) and give redis://user:password@host, or pass --insecure on a trusted network');
  }
  return {
    display,
    options: {
      host: host.replace(/^\[|\]$/g, ''), port, db, username, password,
      ...(tls && { tls: { servername: isIP(host) ? undefined : host } }),
      // BullMQ's blocking commands need these: wait for Redis rather than fail a command.
      maxRetriesPerRequest: null,
      enableReadyCheck: true,
      retryStrategy: (attempt: number) => reconnectDelayMs(attempt),
    },
  };
}

/** Whether an error from Redis is about credentials (retrying will not help). */
export function isAuthError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username-password/i.test(message);
}

/**
 * Node's codes for a server certificate this process does not trust or that does not name the
 * host: a setting to fix, not a Redis that is down.
 */
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_UNTRUSTED',
]);

/** Whether a connection failed because the server's TLS certificate is not trusted here (retrying will not help). */
export function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNTRUSTED_CERTIFICATE.has(code);
}

/**
 * Connects once and PINGs: true when Redis answers; refused credentials or an untrusted TLS
 * certificate fail at once with a clear message; an unreachable Redis is tried again with growing pauses, each told to `say`,
 * until it answers or `signal` aborts (false).
 */
export async function waitForRedis(target: RedisTarget, say: (line: string) => void, signal?: AbortSignal): Promise<boolean> {
  for (let attempt = 0; !signal?.aborted; attempt++) {
    const client = new Redis({ ...target.options, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 5_000 });
    // A refused AUTH arrives as an 'error' event; connect() then only says the connection closed.
    let cause: unknown;
    client.on('error', (error: unknown) => { cause ??= error; });
    try {
      await client.connect();
      await client.ping();
      return true;
    } catch (error) {
      cause ??= error;
      const message = (cause instanceof Error ? cause.message : String(cause)).trim();
      if (isAuthError(cause)) throw new ConfigError(`Redis at ${target.display} refused the credentials (${message}); check the user and password in --redis`);
      if (isCertificateError(cause)) {
        throw new ConfigError(`the TLS certificate of Redis at ${target.display} is not trusted here (${message}); give its CA to Node with NODE_EXTRA_CA_CERTS=/path/to/ca.pem`);
      }
      const pause = reconnectDelayMs(attempt);
      say(`cannot reach Redis at ${target.display} (${message}); trying again in ${(pause / 1000).toFixed(1)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
    } finally {
      client.disconnect();
    }
  }
  return false;
}
