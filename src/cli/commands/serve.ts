// `sweeplab serve [--port P] [--host H] [--allow-host NAME] [--tls-cert F --tls-key F] [--insecure]
// [--data-mirror URL] [--home DIR] [--data DIR] [--workers N] [--redis URL [--insecure-redis]]`:
// the app's UI in a browser (with --redis, coordinating remote workers), for a
// workstation without a display (and for the e2e tests). Prints the URL, token included, on
// stdout and runs until Ctrl-C; running runs then checkpoint and go back to the queue. The
// transport itself is src/main/serve/server.ts; who may reach it is SECURITY.md.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveHome } from '../../main/home.ts';
import { LabService } from '../../main/lab-service.ts';
import { isLoopbackHost } from '../../main/serve/access.ts';
import { startServer } from '../../main/serve/server.ts';
import { ConfigError } from '../../shared/errors.ts';
import { DATA_OPTION_HELP, integerArg } from '../arguments.ts';
import { HOME_OPTION_HELP } from '../run-queue.ts';
import { INSECURE_OPTION_HELP, REDIS_OPTION_HELP } from '../redis-options.ts';

interface ServeFlags {
  port?: number;
  host?: string;
  allowHost?: string[];
  tlsCert?: string;
  tlsKey?: string;
  insecure?: boolean;
  redis?: string;
  insecureRedis?: boolean;
  dataMirror?: string[];
  home?: string;
  data?: string;
  workers?: number;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerServeCommand(program: Command): void {
  program.command('serve')
    .description('serve the app to a browser (127.0.0.1 only unless --host), with a new random access token in the URL each start')
    .option('--port <n>', 'TCP port (default: any free port)', integerArg(0, 65535))
    .option('--host <address>', 'address to listen on; anything but loopback lets other machines reach it and needs --tls-cert/--tls-key or --insecure')
    .option('--allow-host <name>', 'another host name the browser may use to reach this server, e.g. the machine\'s DNS name (repeatable)', collect)
    .option('--tls-cert <file>', 'PEM certificate: serve https (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--insecure', 'allow plain http on a non-loopback --host: the token and every run travel unencrypted')
    .option('--data-mirror <url>', 'a CIFAR-10 archive URL the app may download from besides the official one (repeatable)', collect)
    .option('--home <dir>', HOME_OPTION_HELP)
    .option('--data <dir>', DATA_OPTION_HELP)
    .option('--workers <n>', 'worker threads (default: the saved setting, else cores − 1; 0 with --redis: remote workers only)', integerArg(0, 256))
    .option('--redis <url>', `${REDIS_OPTION_HELP} (default: the saved setting)`)
    // Not --insecure, which here is about http.
    .option('--insecure-redis', INSECURE_OPTION_HELP)
    .action(serve);
}

function tlsOf(flags: ServeFlags): { cert: Buffer; key: Buffer } | undefined {
  if (!flags.tlsCert && !flags.tlsKey) return undefined;
  if (!flags.tlsCert || !flags.tlsKey) throw new ConfigError('--tls-cert and --tls-key go together');
  const read = (file: string, flag: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError(`${flag} ${file}: ${(err as Error).message}`);
    }
  };
  return { cert: read(flags.tlsCert, '--tls-cert'), key: read(flags.tlsKey, '--tls-key') };
}

function checkMirror(url: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') throw new ConfigError(`--data-mirror ${url} is not an http(s) URL`);
  return url;
}

async function serve(flags: ServeFlags): Promise<void> {
  const tls = tlsOf(flags);
  const dataMirrors = (flags.dataMirror ?? []).map(checkMirror);
  const exposed = flags.host !== undefined && !isLoopbackHost(flags.host);
  if (exposed && !tls && !flags.insecure) {
    throw new ConfigError(`--host ${flags.host} lets other machines reach the lab: give --tls-cert and --tls-key to serve https, or --insecure to serve plain http anyway`);
  }
  const service = await LabService.open({
    home: resolveHome(flags.home), data: flags.data, workers: flags.workers, dataMirrors, redis: flags.redis, insecure: flags.insecureRedis,
  });
  let running;
  try {
    running = await startServer(service, { host: flags.host, port: flags.port, allowHosts: flags.allowHost, tls });
  } catch (err) {
    await service.close();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ConfigError(`port ${flags.port} is in use (another program, or another sweeplab serve, listens there); pick another --port, or leave it out for a free one`);
    }
    if ((err as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') throw new ConfigError(`--host ${flags.host} is not an address of this machine`);
    throw err;
  }
  // Listening before the URL is printed: a Ctrl-C the moment it appears still stops cleanly.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  const status = service.status();
  process.stdout.write(`Sweeplab is serving at ${running.url}\n`);
  const redis = status.redis ? `; remote workers through ${status.redis.url}${status.redis.ok ? '' : ` (not in use: ${status.redis.message})`}` : '';
  process.stderr.write(`Home: ${status.home}; data: ${status.data.ok ? status.data.path : `not found (${status.data.message})`}; ${status.workers} worker(s)${redis}. Ctrl-C stops.\n`);
  if (exposed && !tls) {
    process.stderr.write(`sweeplab: --insecure: serving plain http on ${flags.host}: anyone who can see the network traffic can read the token, and with it every run, queue and cancel runs, change the settings and start downloads.\n`);
  } else if (exposed) {
    process.stderr.write(`sweeplab: listening on ${flags.host}: other machines can reach this server; whoever has the URL has the lab, so keep it secret.\n`);
  }
  await stopped;
  process.stderr.write('sweeplab: stopping — running runs checkpoint and go back to the queue\n');
  await running.close();
  await service.close();
}
