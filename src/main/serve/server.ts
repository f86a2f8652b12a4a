// Serve mode: the built renderer over HTTP(S) and the LabApi contract over a WebSocket (and, for
// scripts, `POST /api/<request>`), on 127.0.0.1 unless the caller opens it wider on purpose.
// Who may talk to it is access.ts: a Host allowlist, same-origin only, and the random token of
// this start — in the printed URL, traded by the page for an HttpOnly cookie, and as a Bearer
// header for /api. Frames are validated against the contract before LabService sees them. It
// knows nothing of what the requests do.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { wsRequestSchema } from '../../shared/lab-api.ts';
import type { WsFrame } from '../../shared/lab-api.ts';
import { rendererDir, resourceFile } from '../app-layout.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import { subscribeInBatches } from '../event-batch.ts';
import type { LabService } from '../lab-service.ts';
import {
  allowedHostNames, bearerOf, cookieNameFor, cookieOf, hostAllowed, originAllowed, sessionCookie, tokenMatches,
} from './access.ts';
import { DEFAULT_SERVE_LIMITS, FrameBudget } from './frame-budget.ts';
import type { ServeLimits } from './frame-budget.ts';

export const DEFAULT_RENDERER_DIR = rendererDir();

/** Stricter than the page's meta CSP: nothing but this origin; inline styles for the UI library's CSS-in-JS. */
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Content types of the built renderer's files (the desktop app's protocol serves them too). */
export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.json': 'application/json',
};

export interface ServeOptions {
  host?: string;
  port?: number;
  rendererDir?: string;
  /** A fixed token (tests); by default a new random one per start. */
  token?: string;
  /** More Host names to answer to (`--allow-host`), e.g. the machine's DNS name. */
  allowHosts?: readonly string[];
  /** PEM certificate and key: serve https and wss. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  limits?: Partial<ServeLimits>;
}

export interface RunningServer {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export async function startServer(service: LabService, options: ServeOptions = {}): Promise<RunningServer> {
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw Object.assign(new Error(`the app is not built (no ${path.join(rendererDir, 'index.html')}); run \`npm run build\` first`), { code: 'io' });
  }
  const limits = { ...DEFAULT_SERVE_LIMITS, ...options.limits };
  const host = options.host ?? '127.0.0.1';
  const scheme = options.tls ? 'https' : 'http';
  const allowedHosts = allowedHostNames(host, options.allowHosts);
  const token = options.token ?? randomBytes(24).toString('base64url');
  let cookieName = '';

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void handleHttp(req, res).catch((err: unknown) => {
      const { code, message } = err as { code?: string; message?: string };
      if (code === 'too_large') return sendError(res, 413, 'bad_config', message ?? 'too large');
      if (!res.headersSent) sendError(res, 500, 'internal', `internal error: ${String(err)}`);
    });
  };
  const server: Server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
  server.maxConnections = limits.connections;
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!hostAllowed(req, allowedHosts)) {
      return send(res, 421, 'text/plain', `Sweeplab does not answer to the host name "${req.headers.host ?? ''}"; start serve with --allow-host to add it.\n`);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice('/api/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const fromUrl = tokenMatches(url.searchParams.get('token'), token);
      if (!fromUrl && !tokenMatches(cookieOf(req, cookieName), token)) {
        return send(res, 401, 'text/plain', 'Sweeplab: open the URL that `sweeplab serve` printed; it carries the access token.\n');
      }
      // The page removes the token from its address (src/renderer/api/strip-token.ts); the cookie carries it from then on.
      if (fromUrl) res.setHeader('Set-Cookie', sessionCookie(cookieName, token, scheme === 'https'));
      res.setHeader('Content-Security-Policy', CSP);
      res.setHeader('Cache-Control', 'no-store');
      return send(res, 200, TYPES['.html'], await readFile(path.join(rendererDir, 'index.html')));
    }
    // Static assets are the app's public code (the same for everyone): no data, no token.
    if (url.pathname === '/favicon.ico') return send(res, 200, 'image/x-icon', await readFile(resourceFile('favicon.ico')));
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir + path.sep) || !existsSync(file)) return send(res, 404, 'text/plain', 'not found');
    return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', await readFile(file));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (!originAllowed(req, scheme)) return sendError(res, 403, 'bad_config', 'requests from another origin are refused');
    if (!tokenMatches(bearerOf(req), token)) return sendError(res, 401, 'bad_config', 'missing or wrong token (send it as Authorization: Bearer <token>)');
    if (req.method !== 'POST') return sendError(res, 405, 'bad_config', 'POST only');
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return sendError(res, 415, 'bad_config', 'the body must be sent as Content-Type: application/json');
    }
    const body = await readBody(req, limits.bodyBytes);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      return sendError(res, 400, 'bad_config', 'the body is not JSON');
    }
    const result = await service.dispatch(name, input);
    return send(res, result.ok ? 200 : 400, 'application/json', JSON.stringify(result));
  }

  const sockets = new WebSocketServer({ noServer: true, maxPayload: limits.bodyBytes });
  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req, allowedHosts)) return refuse('421 Misdirected Request');
    if (!originAllowed(req, scheme)) return refuse('403 Forbidden');
    if (url.pathname !== '/ws') return refuse('404 Not Found');
    if (!tokenMatches(cookieOf(req, cookieName), token) && !tokenMatches(bearerOf(req), token)) return refuse('401 Unauthorized');
    if (sockets.clients.size >= limits.sockets) return refuse('503 Service Unavailable');
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const push = (frame: WsFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const budget = new FrameBudget(limits.framesPerSecond, limits.frameBurst, Date.now());
    const waiting: string[] = [];
    let waitingBytes = 0;
    let drainTimer: NodeJS.Timeout | undefined;
    const unsubscribe = subscribeInBatches((listener) => service.subscribe(listener), (events) => push({ events }));
    ws.on('close', () => {
      unsubscribe();
      clearTimeout(drainTimer);
    });
    // A frame over maxPayload or a broken frame: ws closes the socket itself (1009, 1002); without a listener the error would end the process.
    ws.on('error', () => undefined);
    const drain = () => {
      drainTimer = undefined;
      while (waiting.length > 0 && ws.readyState === ws.OPEN && budget.take(Date.now())) {
        const next = waiting.shift()!;
        waitingBytes -= next.length;
        answer(next);
      }
      if (waiting.length > 0) drainTimer ??= setTimeout(drain, Math.ceil(1000 / limits.framesPerSecond));
    };
    ws.on('message', (data) => {
      if (waiting.length === 0 && budget.take(Date.now())) {
        answer(String(data));
        return;
      }
      const text = String(data);
      // Frames wait as text: their count and their bytes (a few frames' worth of the size cap) are bounded.
      if (waiting.length >= limits.queuedFrames || waitingBytes + text.length > 16 * limits.bodyBytes) {
        ws.close(1008, `too many frames waiting (at most ${limits.framesPerSecond} a second)`);
        return;
      }
      waiting.push(text);
      waitingBytes += text.length;
      drainTimer ??= setTimeout(drain, Math.ceil(1000 / limits.framesPerSecond));
    });

    function answer(data: string): void {
      let frame: unknown;
      try {
        frame = JSON.parse(data);
      } catch {
        ws.close(1003, 'frames are JSON');
        return;
      }
      const request = wsRequestSchema.safeParse(frame);
      if (!request.success) {
        ws.close(1003, 'a frame is { id, method, params }');
        return;
      }
      void service.dispatch(request.data.method, request.data.params).then((result) => push({ id: request.data.id, result }));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  cookieName = cookieNameFor(address.port);
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${scheme}://${shownHost}:${address.port}/?token=${token}`,
    token,
    server,
    close: () => new Promise<void>((resolve) => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  send(res, status, 'application/json', JSON.stringify({ ok: false, error: { code, message } }));
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const tooLarge = () => Object.assign(new Error(`the request body is over ${maxBytes} bytes`), { code: 'too_large' });
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length']) > maxBytes) {
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
