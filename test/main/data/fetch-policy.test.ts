// What the app (or a script with the serve token) may ask a download for: only the official
// archive or a mirror the user configured, and only into the user's own folders, with no link
// leading out. Tried on the policy functions and through LabService.dispatch('fetchData').
import { mkdir, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CIFAR_URL } from '../../../src/main/data/fetch.ts';
import { checkFetchTarget, checkFetchUrl } from '../../../src/main/data/fetch-policy.ts';
import { LabService } from '../../../src/main/lab-service.ts';
import { makeTempDir } from '../../helpers/fixture-data.ts';

let tmp: string;
let home: string;
let outside: string;
beforeAll(async () => {
  tmp = await makeTempDir('sweeplab-fetch-policy-');
  home = path.join(tmp, 'home');
  outside = path.join(tmp, 'outside');
  await mkdir(path.join(home, 'data'), { recursive: true });
  await mkdir(outside);
  await symlink(outside, path.join(home, 'escape'));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const refusal = async (promise: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    return (err as Error).message;
  }
  return 'allowed';
};

describe('fetch policy', () => {
  it('takes the official archive or a configured mirror, nothing else', async () => {
    const sources = { mirrors: ['https://mirror.example.org/cifar-10-binary.tar.gz'] };
    expect(checkFetchUrl(undefined, sources)).toBe(CIFAR_URL);
    expect(checkFetchUrl(CIFAR_URL, sources)).toBe(CIFAR_URL);
    expect(checkFetchUrl('https://MIRROR.example.org/cifar-10-binary.tar.gz', sources)).toBe(sources.mirrors[0]);
    expect(await refusal(() => checkFetchUrl('http://127.0.0.1:9/', sources))).toBe(
      'url: http://127.0.0.1:9/ is neither the official CIFAR-10 archive nor a configured mirror; start serve with --data-mirror URL, or add it to dataMirrors in settings.json');
    expect(await refusal(() => checkFetchUrl('https://mirror.example.org/other.tar.gz', sources))).toMatch(/^url: /);
  });

  it('writes only inside the given roots, links resolved', async () => {
    expect(await checkFetchTarget(path.join(home, 'data', 'new', 'cifar-10-batches-bin'), [home])).toBe(path.join(home, 'data', 'new', 'cifar-10-batches-bin'));
    expect(await refusal(checkFetchTarget(path.join(outside, 'x'), [home]))).toMatch(/^dataPath: .*outside\/x is outside the folders the app may download into/);
    expect(await refusal(checkFetchTarget(path.join(home, '..', 'outside'), [home]))).toMatch(/^dataPath: .* is outside the folders/);
    expect(await refusal(checkFetchTarget(path.join(home, 'escape', 'cifar'), [home]))).toMatch(/is outside the folders the app may download into \(.*\), through a symbolic link; /);
    expect(await refusal(checkFetchTarget('relative/path', [home]))).toBe('dataPath: relative/path is not an absolute path');
  });
});

describe('fetchData over the LabApi', () => {
  let service: LabService;
  let requests = 0;
  const official = createServer((_req, res) => { requests++; res.writeHead(404).end(); });
  beforeAll(async () => {
    official.listen(0, '127.0.0.1');
    await new Promise((resolve) => official.once('listening', resolve));
    vi.stubEnv('HOME', path.join(tmp, 'user'));
    vi.stubEnv('XDG_DATA_HOME', path.join(tmp, 'user', 'xdg'));
    service = await LabService.open({ home, data: path.join(home, 'none'), workers: 1, officialDataUrl: `http://127.0.0.1:${(official.address() as AddressInfo).port}/cifar-10-binary.tar.gz` });
  });
  afterAll(async () => {
    await service.close();
    vi.unstubAllEnvs();
    official.close();
  });

  it('refuses a free URL and a folder outside, naming the field, and downloads nothing', async () => {
    expect(os.homedir()).toBe(path.join(tmp, 'user'));
    const freeUrl = await service.dispatch('fetchData', { url: 'http://127.0.0.1:1/evil.tar.gz', dataPath: path.join(home, 'data') });
    expect(freeUrl).toMatchObject({ ok: false, error: { code: 'bad_config', message: expect.stringMatching(/^url: http:\/\/127\.0\.0\.1:1\/evil\.tar\.gz is neither/) } });
    const elsewhere = await service.dispatch('fetchData', { dataPath: outside });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'bad_config', message: expect.stringMatching(/^dataPath: /) } });
    const throughLink = await service.dispatch('fetchData', { dataPath: path.join(home, 'escape') });
    expect(throughLink).toMatchObject({ ok: false, error: { message: expect.stringContaining('through a symbolic link') } });
    expect(requests).toBe(0);
  });

  it('starts the official download into the Sweeplab home', async () => {
    const started = await service.dispatch('fetchData', { dataPath: path.join(home, 'data') });
    expect(started).toMatchObject({ ok: true, value: { phase: 'downloading', target: path.join(home, 'data', 'cifar-10-batches-bin') } });
    await expect.poll(() => (service.status().fetch?.phase)).toBe('failed');
    expect(service.status().fetch?.message).toContain('HTTP 404');
    expect(requests).toBe(1);
  });
});
