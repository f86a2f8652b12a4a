// Which Redis URLs a worker or coordinator accepts: passwords and TLS are understood, and a
// Redis on another machine without a password is refused unless --insecure says otherwise.
import { describe, expect, it } from 'vitest';
import { parseRedisUrl, reconnectDelayMs } from '../../../src/main/remote/redis-connection.ts';

describe('parseRedisUrl', () => {
  it('reads user, password, port and database, and never shows the password', () => {
    const target = parseRedisUrl('redis://lab:s%40cret@10.0.0.5:6380/2');
    expect(target.options).toMatchObject({ host: '10.0.0.5', port: 6380, db: 2, username: 'lab', password: 's@cret', maxRetriesPerRequest: null });
    expect(target.options.tls).toBeUndefined();
    expect(target.display).toBe('redis://lab@10.0.0.5:6380/2');
  });

  it('turns on TLS for rediss:// with the host name to verify', () => {
    const target = parseRedisUrl('rediss://:pw@redis.example.org');
    expect(target.options).toMatchObject({ host: 'redis.example.org', port: 6379, password: 'pw', tls: { servername: 'redis.example.org' } });
  });

  it('accepts loopback without a password and refuses another machine without one unless insecure', () => {
    for (const url of ['redis://127.0.0.1:7000', 'redis://localhost', 'redis://[::1]:6379']) expect(() => parseRedisUrl(url)).not.toThrow();
    expect(() => parseRedisUrl('redis://192.168.1.20')).toThrow(/redis:\/\/192\.168\.1\.20 is not on this machine and has no password.*--insecure/);
    expect(parseRedisUrl('redis://192.168.1.20', { insecure: true }).options.host).toBe('192.168.1.20');
  });

  it('refuses what is not a Redis URL in one line', () => {
    expect(() => parseRedisUrl('localhost:6379')).toThrow(/"localhost:6379" is not a Redis URL/);
    expect(() => parseRedisUrl('http://127.0.0.1')).toThrow(/"http:\/\/127\.0\.0\.1" is not a Redis URL/);
    expect(() => parseRedisUrl('not a url')).toThrow(/"not a url" is not a URL/);
    expect(() => parseRedisUrl('redis://127.0.0.1/x')).toThrow(/"x" is not a database number/);
  });

  it('waits longer after each failed reconnection, up to 30 s', () => {
    expect([0, 1, 2, 5, 6, 20].map(reconnectDelayMs)).toEqual([500, 1000, 2000, 16_000, 30_000, 30_000]);
  });
});
