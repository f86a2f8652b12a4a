// Redis over TLS (`rediss://`) against a real redis-server listening for TLS only, with the
// test certificates of test/fixtures/tls: a coordinator and a worker given the CA through
// Node's NODE_EXTRA_CA_CERTS run a sweep to the end; a coordinator or worker that does not
// trust the server's certificate says so in one line and stops, rather than retrying forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DATA_DIR } from '../../helpers/fixture-data.ts';
import { withHome } from '../../helpers/engine-fixture.ts';
import { redisSkipReason, startRedis, TEST_TLS } from '../../helpers/redis-server.ts';
import type { TestRedis } from '../../helpers/redis-server.ts';
import { lambdaSweep, runDigest, startWorker } from '../../helpers/remote-fixture.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { readStore } from '../../helpers/sweep-cli.ts';

const skip = redisSkipReason();
const data = ['--data', FIXTURE_DATA_DIR];
const trusted = { NODE_EXTRA_CA_CERTS: TEST_TLS.ca };

describe.skipIf(skip !== undefined)('a sweep through Redis over TLS', { timeout: 300_000 }, () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis({ password: 'tls-test-pass', tls: true }); });
  afterAll(async () => { await redis?.stop(); });

  it('trains every run on a remote worker when both ends trust the server certificate', async () => {
    expect(redis.url).toMatch(/^rediss:\/\//);
    const file = lambdaSweep('tls', [0, 0.001], 10);
    await withHome(async (root) => {
      const worker = startWorker(redis.url, 'tls', { env: trusted });
      try {
        await worker.saw('taking runs from');
        const remote = await runCli(['sweep', file, '--workers', '0', '--redis', redis.url, '--home', `${root}/remote`, ...data], trusted);
        expect(remote.code, remote.stderr).toBe(0);
        expect(remote.stderr).not.toContain('tls-test-pass');
      } finally {
        expect(await worker.stop(), worker.log()).toBe(0);
      }
      const runs = readStore(`${root}/remote`, runDigest);
      expect(runs.map((r) => r.status)).toEqual(['completed', 'completed']);
      expect(readStore(`${root}/remote`, (store) => store.listRuns().map((r) => r.worker?.split('@')[0]))).toEqual(['tls', 'tls']);
    });
  });

  it('refuses with one line naming the certificate problem when the CA is not trusted', async () => {
    const file = lambdaSweep('untrusted', [0.001], 10);
    await withHome(async (root) => {
      const result = await runCli(['sweep', file, '--workers', '0', '--redis', redis.url, '--home', `${root}/h`, ...data], { NODE_EXTRA_CA_CERTS: undefined });
      expect(result.code).toBe(1);
      // The sweep is stored first (its runs wait in the queue for `resume --redis`), then refused.
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^Sweep #1 untrusted: 1 run\(s\), stored in /);
      expect(lines[1]).toMatch(/^sweeplab: the TLS certificate of Redis at rediss:\/\/127\.0\.0\.1:\d+ is not trusted here \(self-signed certificate in certificate chain\); give its CA to Node with NODE_EXTRA_CA_CERTS/);
      expect(result.stderr).not.toContain('tls-test-pass');
    });
    const worker = startWorker(redis.url, 'untrusting', { env: { NODE_EXTRA_CA_CERTS: '' } });
    expect(await worker.exited, worker.log()).toBe(1);
    expect(worker.log()).toMatch(/is not trusted here .*NODE_EXTRA_CA_CERTS/);
  });
});
