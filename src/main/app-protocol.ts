// The desktop window's origin: the built renderer served from a privileged custom scheme,
// sweeplab://app/, instead of file://. A file:// page is one origin with every file on the disk;
// this one serves the renderer folder and nothing else, with the app's CSP on every response,
// and behaves like a web origin (standard, secure) for the page's code.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { TYPES } from './serve/server.ts';

export const APP_SCHEME = 'sweeplab';
export const APP_URL = `${APP_SCHEME}://app/index.html`;

/** Before the app is ready: Electron fixes a scheme's privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export function serveRenderer(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = path.normalize(path.join(rendererDir, decodeURIComponent(url.pathname)));
    if (url.host !== 'app' || !file.startsWith(rendererDir + path.sep)) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': csp } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
