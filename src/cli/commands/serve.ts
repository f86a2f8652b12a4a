// `sweeplab serve [--port P] [--host H] [--home DIR] [--data DIR] [--workers N]`: the app's UI
// in a browser, for a workstation without a display (and for the e2e tests). Prints the URL,
// token included, on stdout and runs until Ctrl-C; running runs then checkpoint and go back to
// the queue. The transport itself is src/main/serve/server.ts.
import type { Command } from 'commander';
import { resolveHome } from '../../main/home.ts';
import { LabService } from '../../main/lab-service.ts';
import { startServer } from '../../main/serve/server.ts';
import { DATA_OPTION_HELP, integerArg } from '../arguments.ts';
import { HOME_OPTION_HELP } from '../run-queue.ts';
import { addRedisOptions } from '../redis-options.ts';
import type { RedisFlags } from '../redis-options.ts';

interface ServeFlags extends RedisFlags {
  port?: number;
  host?: string;
  home?: string;
  data?: string;
  workers?: number;
}

export function registerServeCommand(program: Command): void {
  addRedisOptions(program.command('serve')
    .description('serve the app to a browser (127.0.0.1 only unless --host), with a random access token in the URL')
    .option('--port <n>', 'TCP port (default: any free port)', integerArg(0, 65535))
    .option('--host <address>', 'address to listen on; anything but 127.0.0.1/::1 lets other machines reach it (token still required)')
    .option('--home <dir>', HOME_OPTION_HELP)
    .option('--data <dir>', DATA_OPTION_HELP)
    .option('--workers <n>', 'worker threads (default: the saved setting, else cores − 1; 0 with --redis: remote workers only)', integerArg(0, 256)))
    .action(serve);
}

async function serve(flags: ServeFlags): Promise<void> {
  const service = await LabService.open({ home: resolveHome(flags.home), data: flags.data, workers: flags.workers, redis: flags.redis, insecure: flags.insecure });
  let running;
  try {
    running = await startServer(service, { host: flags.host, port: flags.port });
  } catch (err) {
    await service.close();
    throw err;
  }
  const status = service.status();
  process.stdout.write(`Sweeplab is serving at ${running.url}\n`);
  const redis = status.redis ? `; remote workers through ${status.redis.url}${status.redis.ok ? '' : ` (not in use: ${status.redis.message})`}` : '';
  process.stderr.write(`Home: ${status.home}; data: ${status.data.ok ? status.data.path : `not found (${status.data.message})`}; ${status.workers} worker(s)${redis}. Ctrl-C stops.\n`);
  if (flags.host && !['127.0.0.1', '::1', 'localhost'].includes(flags.host)) {
    process.stderr.write(`sweeplab: listening on ${flags.host}: other machines can reach this server; keep the token secret.\n`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('sweeplab: stopping — running runs checkpoint and go back to the queue\n');
  await running.close();
  await service.close();
}
