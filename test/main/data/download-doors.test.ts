// Downloads under hostile servers, all on 127.0.0.1 (no traffic goes anywhere else: the
// redirects below are refused before any connection): an endless body, a gzip bomb, redirects
// to private addresses and down to http, plain http without the user's say-so.
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../../src/core/data/data-error.ts';
import { isPrivateAddress } from '../../../src/main/data/address-check.ts';
import { downloadToFile } from '../../../src/main/data/download.ts';
import { fetchCifar } from '../../../src/main/data/fetch.ts';
import { makeTempDir } from '../../helpers/fixture-data.ts';

let tmp: string;
let server: Server;
let base: string;
let bomb: string;

/** A tar.gz whose one entry is `mb` megabytes of zeros under cifar-10-batches-bin/: small on disk, large expanded. */
async function makeBomb(file: string, mb: number): Promise<void> {
  const gzip = createGzip({ level: 9 });
  const out = gzip.pipe(createWriteStream(file));
  const header = Buffer.alloc(512);
  header.write('cifar-10-batches-bin/data_batch_1.bin', 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${(mb * 2 ** 20).toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  gzip.write(header);
  const zeros = Buffer.alloc(2 ** 20);
  for (let i = 0; i < mb; i++) if (!gzip.write(zeros)) await once(gzip, 'drain');
  gzip.end(Buffer.alloc(1024));
  await once(out, 'finish');
}

beforeAll(async () => {
  tmp = await makeTempDir('sweeplab-download-doors-');
  bomb = path.join(tmp, 'bomb.tar.gz');
  await makeBomb(bomb, 24);
  const { readFileSync } = await import('node:fs');
  const bombBytes = readFileSync(bomb);
  server = createServer((req, res) => {
    switch (req.url) {
      case '/endless': {
        res.writeHead(200); // no Content-Length: the cap must stop it
        const chunk = Buffer.alloc(64 * 1024, 1);
        const pump = () => { while (res.write(chunk)); };
        res.on('drain', pump);
        pump();
        return;
      }
      case '/announces-too-much':
        res.writeHead(200, { 'content-length': String(10 * 2 ** 30) });
        res.write('x');
        return;
      case '/bomb.tar.gz':
        res.writeHead(200, { 'content-length': bombBytes.length }).end(bombBytes);
        return;
      case '/to-loopback':
        res.writeHead(302, { location: `${base}/bomb.tar.gz` }).end();
        return;
      case '/to-metadata':
        res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        return;
      case '/to-localhost':
        res.writeHead(301, { location: 'https://localhost:1/cifar.tar.gz' }).end();
        return;
      case '/to-private-v6':
        res.writeHead(307, { location: 'https://[fd00::1]/cifar.tar.gz' }).end();
        return;
      default:
        res.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(tmp, { recursive: true, force: true });
});

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('it did not fail'); }, (err: unknown) => {
  expect(err).toBeInstanceOf(DataError);
  return (err as Error).message;
});

describe('download doors', () => {
  it('refuses plain http unless the user typed it', async () => {
    expect(await failure(downloadToFile(`${base}/bomb.tar.gz`, path.join(tmp, 'a')))).toContain('only https URLs are fetched');
    expect(await failure(downloadToFile('ftp://127.0.0.1/x', path.join(tmp, 'a'), { allowHttp: true }))).toContain('only https URLs are fetched');
  });

  it('stops an endless body at the cap, and refuses an announced size past it at once', async () => {
    const message = await failure(downloadToFile(`${base}/endless`, path.join(tmp, 'endless'), { allowHttp: true, maxBytes: 2 * 2 ** 20 }));
    expect(message).toContain('download stopped: more than 2 MB, larger than any CIFAR-10 archive');
    expect(await failure(downloadToFile(`${base}/announces-too-much`, path.join(tmp, 'big'), { allowHttp: true }))).toContain('more than 256 MB');
  });

  it('refuses a redirect to a private or loopback address, before connecting to it', async () => {
    for (const route of ['/to-loopback', '/to-metadata', '/to-localhost', '/to-private-v6']) {
      const message = await failure(downloadToFile(`${base}${route}`, path.join(tmp, 'r'), { allowHttp: true }));
      expect(message, route).toMatch(/download refused: a redirect to the private address (127\.0\.0\.1|169\.254\.169\.254|localhost|fd00::1) /);
    }
  });

  it('stops a gzip bomb while extracting, with a message, and installs nothing', async () => {
    const parent = path.join(tmp, 'bombed');
    const message = await failure(fetchCifar({ target: path.join(parent, 'cifar-10-batches-bin'), url: `${base}/bomb.tar.gz`, allowHttp: true, maxExpandedBytes: 8 * 2 ** 20 }));
    expect(message).toContain('expands past 8 MB, far more than CIFAR-10 (a damaged or hostile archive); stopped; nothing was installed');
    expect(existsSync(parent) ? await readdir(parent) : []).toEqual([]);
  });

  it('knows the private ranges', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '[::1]', 'fe80::1', 'fd12::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '128.100.3.30', '2606:4700::1111', 'example.org']) expect(isPrivateAddress(address), address).toBe(false);
  });
});
