// Serve mode: the built renderer over HTTP and the LabApi contract over a WebSocket (and, for
// scripts, `POST /api/<request>`), on 127.0.0.1 unless the caller opens it wider on purpose.
// Every API access and the page itself need the random token of this server, which travels in
// the URL printed at start; frames are validated against the contract before LabService sees
// them. It knows nothing of what the requests do.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { wsRequestSchema } from '../../shared/lab-api.ts';
import type { WsFrame } from '../../shared/lab-api.ts';
import { rendererDir, resourceFile } from '../app-layout.ts';
import { subscribeInBatches } from '../event-batch.ts';
import type { LabService } from '../lab-service.ts';

export const DEFAULT_RENDERER_DIR = rendererDir();
const MAX_BODY = 1 << 20;

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
  token?: string;
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
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenOk = (given: string | null | undefined) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch((err: unknown) => send(res, 500, 'text/plain', `internal error: ${String(err)}`));
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (url.pathname.startsWith('/api/')) {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!tokenOk(bearer ?? url.searchParams.get('token'))) return send(res, 401, 'application/json', JSON.stringify({ ok: false, error: { code: 'bad_config', message: 'missing or wrong token' } }));
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      const body = await readBody(req);
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'bad_config', message: 'the body is not JSON' } }));
      }
      const result = await service.dispatch(url.pathname.slice('/api/'.length), input);
      return send(res, result.ok ? 200 : 400, 'application/json', JSON.stringify(result));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'GET only');
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!tokenOk(url.searchParams.get('token'))) {
        return send(res, 401, 'text/plain', 'Sweeplab: open the URL that `sweeplab serve` printed; it carries the access token.\n');
      }
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

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ws' || !tokenOk(url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const push = (frame: WsFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const unsubscribe = subscribeInBatches((listener) => service.subscribe(listener), (events) => push({ events }));
    ws.on('close', unsubscribe);
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
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
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/?token=${token}`,
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

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('request body over 1 MB'), { code: 'bad_config' }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
