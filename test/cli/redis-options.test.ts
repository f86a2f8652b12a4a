// The --redis flags of the queue commands are checked before anything is stored: a bad URL, a
// remote Redis without a password, or --workers 0 with nowhere else to train.
import { describe, expect, it } from 'vitest';
import { checkRedisFlags } from '../../src/cli/redis-options.ts';

describe('checkRedisFlags', () => {
  it('refuses --workers 0 without --redis, and a bad or unprotected Redis', () => {
    expect(() => checkRedisFlags({ workers: 0 })).toThrow(/--workers 0 trains nowhere without --redis/);
    expect(() => checkRedisFlags({ redis: 'localhost' })).toThrow(/"localhost" is not a URL/);
    expect(() => checkRedisFlags({ redis: 'redis://lab1', workers: 0 })).toThrow(/no password/);
  });

  it('accepts local training, a loopback Redis, and a remote one with a password or --insecure', () => {
    for (const flags of [{}, { workers: 2 }, { redis: 'redis://127.0.0.1', workers: 0 }, { redis: 'redis://:pw@lab1' }, { redis: 'redis://lab1', insecure: true }]) {
      expect(() => checkRedisFlags(flags)).not.toThrow();
    }
  });
});
