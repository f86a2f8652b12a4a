// A real LabService on the fixture slice behind a real `sweeplab serve` server on 127.0.0.1,
// in a temporary home with a stand-in page, for the tests that talk to it over HTTP and the
// WebSocket.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LabService } from '../../src/main/lab-service.ts';
import { startServer } from '../../src/main/serve/server.ts';
import type { RunningServer } from '../../src/main/serve/server.ts';
import { FIXTURE_DATA_DIR, makeTempDir } from './fixture-data.ts';

export interface ServedLab {
  home: string;
  service: LabService;
  server: RunningServer;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

export async function openServedLab(prefix: string): Promise<ServedLab> {
  const home = await makeTempDir(prefix);
  const rendererDir = path.join(home, 'renderer');
  await mkdir(rendererDir);
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sweeplab</title>');
  const service = await LabService.open({ home, data: FIXTURE_DATA_DIR, workers: 1 });
  const server = await startServer(service, { rendererDir });
  return {
    home, service, server, base: new URL(server.url).origin,
    async close() {
      await server.close();
      await service.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
