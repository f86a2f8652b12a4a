// Who may talk to the serve-mode server: the Host names it answers to (a DNS-rebinding page
// sends its own name), the same-origin rule for the WebSocket and /api (a foreign page's
// request carries its Origin), the token compared in constant time, and the session cookie the
// page trades its URL token for. Pure request inspection; the server decides what to answer.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopbackHost(host: string): boolean {
  const name = normalizeHostName(host);
  return LOOPBACK_NAMES.includes(name) || /^127(\.\d{1,3}){3}$/.test(name);
}

/** `::1` and `[::1]` are one name; names compare without case. */
function normalizeHostName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.includes(':') && !lower.startsWith('[') ? `[${lower}]` : lower;
}

/**
 * The names a request's Host may carry: loopback, the address listened on, the names given with
 * --allow-host, and for a wildcard address (0.0.0.0, ::) this machine's own addresses and name,
 * which are what other machines type to reach it.
 */
export function allowedHostNames(listenHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, normalizeHostName(listenHost), ...extra.map(normalizeHostName)]);
  if (WILDCARD_HOSTS.has(normalizeHostName(listenHost)) || WILDCARD_HOSTS.has(listenHost)) {
    for (const addresses of Object.values(os.networkInterfaces())) {
      for (const address of addresses ?? []) names.add(normalizeHostName(address.address.replace(/%.*$/, '')));
    }
    names.add(normalizeHostName(os.hostname()));
  }
  return names;
}

/** The host name of a Host header (`name:port`, `[v6]:port`), or null when it does not parse. */
export function hostNameOf(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return normalizeHostName(new URL(`http://${hostHeader}`).hostname);
  } catch {
    return null;
  }
}

export function hostAllowed(req: IncomingMessage, allowed: ReadonlySet<string>): boolean {
  const name = hostNameOf(req.headers.host);
  return name !== null && allowed.has(name);
}

/**
 * Same-origin: a request without an Origin header (curl, Node, a same-origin GET) passes; one
 * with it must come from this very scheme, host and port. A browser always sends Origin on a
 * WebSocket upgrade and on a cross-origin POST, so a foreign page cannot pass.
 */
export function originAllowed(req: IncomingMessage, scheme: 'http' | 'https'): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const parsed = new URL(origin);
    return parsed.protocol === `${scheme}:` && parsed.host.toLowerCase() === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function bearerOf(req: IncomingMessage): string | null {
  return /^Bearer ([\w-]+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** Cookies are not kept apart by port, so each server's cookie carries its port in its name. */
export function cookieNameFor(port: number): string {
  return `sweeplab-${port}`;
}

export function cookieOf(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/** HttpOnly: no script reads it; SameSite=Strict: no other site's page makes the browser send it. */
export function sessionCookie(name: string, token: string, secure: boolean): string {
  return `${name}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
