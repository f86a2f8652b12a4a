// The throw-away Redis the remote-worker tests run against: it answers, a restart leaves it
// empty (the "Redis restarted empty" fault), and stopping it ends the process by its pid.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisSkipReason, startRedis } from '../../helpers/redis-server.ts';
import type { TestRedis } from '../../helpers/redis-server.ts';

const skip = redisSkipReason();

describe.skipIf(skip !== undefined)('the test Redis', () => {
  let redis: TestRedis;
  beforeAll(async () => { redis = await startRedis({ password: 'harness-pass' }); });
  afterAll(async () => { await redis?.stop(); });

  it('keeps keys until it is restarted empty, then stops by its pid', async () => {
    const client = new Redis(redis.url, { maxRetriesPerRequest: null, lazyConnect: true });
    try {
      await client.connect();
      await client.set('sweeplab:probe', 'here');
      expect(await client.get('sweeplab:probe')).toBe('here');
      await redis.restartEmpty();
      expect(await client.get('sweeplab:probe')).toBeNull();
    } finally {
      client.disconnect();
    }
    const pid = redis.pid;
    await redis.stop();
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
