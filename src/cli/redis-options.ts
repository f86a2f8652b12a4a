// The flags every command that talks to Redis shares (`worker`, and `sweep`, `resume`,
// `refine`, `replicate`, `serve` as coordinators), and their help.
import type { Command } from 'commander';
import { parseRedisUrl } from '../main/remote/redis-connection.ts';
import { ConfigError } from '../shared/errors.ts';

export const REDIS_OPTION_HELP =
  'the Redis that carries runs to remote workers: redis://[user:password@]host[:port][/db], or rediss:// for TLS';
export const INSECURE_OPTION_HELP = 'allow a Redis on another machine without a password (trusted networks only)';

export interface RedisFlags {
  redis?: string;
  insecure?: boolean;
}

export function addRedisOptions(command: Command): Command {
  return command.option('--redis <url>', `${REDIS_OPTION_HELP}; --workers 0 leaves all training to remote workers`)
    .option('--insecure', INSECURE_OPTION_HELP);
}

/** Refuses a bad --redis, or --workers 0 without one, before a command stores anything. */
export function checkRedisFlags(flags: RedisFlags & { workers?: number }): void {
  if (flags.redis !== undefined) parseRedisUrl(flags.redis, { insecure: flags.insecure });
  else if (flags.workers === 0) throw new ConfigError('--workers 0 trains nowhere without --redis (remote workers)');
}
