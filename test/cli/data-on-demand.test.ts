// `sweeplab train` on a machine with no dataset: it says so on one line, downloads CIFAR-10
// from a mirror (a local server on 127.0.0.1 serving the committed slice, verified against
// the slice's own sums), then trains; `--no-fetch` refuses; a dropped or unverifiable download
// leaves nothing that looks like data and trains nothing. (The served archive is the fixture
// folder as committed, its README included.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/main/data/source.ts';
import { makeCifarArchive, makeTempDir } from '../helpers/fixture-data.ts';
import { runCli, tempFile } from '../helpers/run-cli.ts';

const FIXTURE_SUMS = fileURLToPath(new URL('../fixtures/fixture-sha256sums.txt', import.meta.url));
const TINY = tempFile('tiny.yaml', 'network: { hidden: [10] }\nlambda: 0.01\nschedule: { stepSize: 5, cycles: 1 }\nbatchSize: 20\nsplit: a2\n');

let tmp: string;
let server: Server;
let mirror: string;
let requests = 0;

beforeAll(async () => {
  tmp = await makeTempDir('sweeplab-train-fetch-');
  const archive = readFileSync(await makeCifarArchive(path.join(tmp, 'served.tar.gz')));
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/dropped.tar.gz') { // announces the whole archive, sends half, hangs up
      res.writeHead(200, { 'content-length': archive.length });
      res.write(archive.subarray(0, archive.length >> 1), () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'content-length': archive.length }).end(archive);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(tmp, { recursive: true, force: true });
});

let user: string;
beforeEach(async () => {
  requests = 0;
  user = path.join(tmp, `user-${Math.random().toString(36).slice(2)}`);
  await mkdir(user);
});

/** A user whose per-user folders all sit in `user`, with no $SWEEPLAB_DATA, and the mirror. */
const userEnv = (url = `${mirror}/cifar-10-binary.tar.gz`, sums: string | null = FIXTURE_SUMS) => ({
  HOME: user, XDG_DATA_HOME: path.join(user, 'share'), LOCALAPPDATA: path.join(user, 'local'),
  SWEEPLAB_CIFAR_URL: url, SWEEPLAB_CIFAR_SUMS: sums ?? undefined,
});
const defaultData = () => defaultDataDir({ platform: process.platform, env: userEnv(), homedir: user });
const sweeplabLines = (stderr: string) => stderr.split('\n').filter((line) => line.startsWith('sweeplab:'));

describe('train with no dataset', () => {
  it('downloads and verifies CIFAR-10 into the per-user folder, then trains', async () => {
    const { code, stdout, stderr } = await runCli(['train', '--config', TINY, '--json'], userEnv());
    expect(code, stderr).toBe(0);
    const target = defaultData();
    expect(stderr).toContain(`No CIFAR-10 at ${target} (the per-user default); downloading it into ${target}`);
    expect(stderr).toContain(`CIFAR-10 verified and in place: ${target}`);
    expect(readdirSync(target).sort()).toEqual(['README.md', 'batches.meta.txt', 'data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin', 'test_batch.bin']);
    expect(readdirSync(path.dirname(target))).toEqual(['cifar-10-batches-bin']); // no temporary folder left
    // stdout is still exactly the run's JSON object, trained on the fetched slice.
    const run = JSON.parse(stdout) as { status: string; final: { test: { accuracy: number } } };
    expect(run.status).toBe('completed');
    expect(run.final.test.accuracy).toBeGreaterThan(0);
    expect(requests).toBe(1);

    // The second time the data is there: nothing is downloaded.
    const again = await runCli(['train', '--config', TINY, '--json'], userEnv());
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('No CIFAR-10');
    expect(requests).toBe(1);
  });

  it('fetches into an empty --data folder', async () => {
    const where = path.join(user, 'datasets');
    await mkdir(where);
    const { code, stdout, stderr } = await runCli(['train', '--config', TINY, '--data', where], userEnv());
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`No CIFAR-10 at ${where} (from --data); downloading it into ${path.join(where, 'cifar-10-batches-bin')}`);
    expect(stdout).toMatch(/test\s/);
  });

  it('refuses with --no-fetch, on one line naming `sweeplab data fetch` and --data', async () => {
    const { code, stdout, stderr } = await runCli(['train', '--config', TINY, '--no-fetch'], userEnv());
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`sweeplab: ${defaultData()}: no CIFAR-10 here (the per-user default); run \`sweeplab data fetch\` to download it, or pass --data DIR`);
    expect(requests).toBe(0);
    expect(existsSync(defaultData())).toBe(false);
  });

  it('takes nothing from a dropped download', async () => {
    const { code, stderr } = await runCli(['train', '--config', TINY], userEnv(`${mirror}/dropped.tar.gz`));
    expect(code).toBe(1);
    expect(sweeplabLines(stderr)).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    // Not even the folders made for it.
    expect(existsSync(path.dirname(defaultData()))).toBe(false);
  });

  it('takes nothing that fails the official sums', async () => {
    const { code, stderr } = await runCli(['train', '--config', TINY], userEnv(undefined, null));
    expect(code).toBe(1);
    expect(sweeplabLines(stderr)).toEqual([expect.stringContaining('do not match the CIFAR-10 SHA-256 sums; nothing was installed')]);
    expect(existsSync(defaultData())).toBe(false);
  });

  it('never downloads where --data names a path that does not exist (a typo, not a wish)', async () => {
    const where = path.join(user, 'datsets');
    const { code, stderr } = await runCli(['train', '--config', TINY, '--data', where], userEnv());
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^sweeplab: .*datsets: no such file or folder \(from --data\)/);
    expect(requests).toBe(0);
  });

  it('never downloads into a folder that holds something else', async () => {
    const where = path.join(user, 'photos');
    await mkdir(where);
    await writeFile(path.join(where, 'holiday.jpg'), 'not CIFAR');
    const { code, stderr } = await runCli(['train', '--config', TINY, '--data', where], userEnv());
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^sweeplab: .*photos: not a CIFAR-10 folder/);
    expect(requests).toBe(0);
  });

  it('sweep fetches too, and refuses with --no-fetch', async () => {
    const refused = await runCli(['sweep', '--preset', 'smoke', '--home', path.join(user, 'home'), '--no-fetch'], userEnv());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('no CIFAR-10 here (the per-user default)');
    expect(requests).toBe(0);
  });
});
