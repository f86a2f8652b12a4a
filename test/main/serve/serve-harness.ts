// A serve-mode server over a real LabService with no data (so no worker ever starts) in a
// throw-away home, and a raw HTTP client that may send any Host, Origin or Content-Type — what
// a hostile page or a local script would — for the tests of who may talk to the server.
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LabService } from '../../../src/main/lab-service.ts';
import type { LabServiceOptions } from '../../../src/main/lab-service.ts';
import { startServer } from '../../../src/main/serve/server.ts';
import type { RunningServer, ServeOptions } from '../../../src/main/serve/server.ts';
import { makeTempDir } from '../../helpers/fixture-data.ts';

export interface Harness {
  home: string;
  service: LabService;
  server: RunningServer;
  port: number;
  stop(): Promise<void>;
}

export async function startHarness(options: ServeOptions = {}, lab: Partial<LabServiceOptions> = {}): Promise<Harness> {
  const home = await makeTempDir('sweeplab-serve-doors-');
  const rendererDir = path.join(home, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sweeplab</title>');
  const service = await LabService.open({ home, data: path.join(home, 'no-data'), workers: 1, ...lab });
  const server = await startServer(service, { rendererDir, ...options });
  return {
    home, service, server, port: Number(new URL(server.url).port),
    async stop() {
      await server.close();
      await service.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  https?: { ca: string | Buffer };
}

/** One request to 127.0.0.1:port with exactly these headers (Host defaults to 127.0.0.1:port). */
export function raw(port: number, req: RawRequest = {}): Promise<RawAnswer> {
  const send = req.https ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send({
      host: '127.0.0.1', port, method: req.method ?? 'GET', path: req.path ?? '/',
      headers: { Host: `127.0.0.1:${port}`, ...req.headers }, ...(req.https ? { ca: req.https.ca, servername: 'localhost' } : {}),
    }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

/** A POST to /api/<name> as a script would send it, with any header overridden. */
export function api(h: Harness, name: string, body: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return raw(h.port, {
    method: 'POST', path: `/api/${name}`, body: JSON.stringify(body),
    headers: { Authorization: `Bearer ${h.server.token}`, 'Content-Type': 'application/json', ...headers },
  });
}
