// `sweeplab replicate`: redoes the reference study of EXPERIMENTS.md end to end on the worker
// pool (src/main/replicate/replication.ts), with the usual progress on stderr, then writes the
// report — report.html (self-contained, charts as inline SVG) and summary.md, the home and data
// folders in them written `<home>` and `<data>` — to --out and prints the summary lines. Ctrl-C stops cleanly (exit 130); running it again continues.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { renderMarkdown } from '../../report/markdown.ts';
import { DEFAULT_REPEATS, parseSections, QUICK_REPEATS, SECTIONS } from '../../shared/replicate/plan.ts';
import type { ReplicationInfo } from '../../shared/replicate/model.ts';
import { summaryLines } from '../../shared/replicate/summary.ts';
import { resolveDataSource } from '../../main/data/source.ts';
import { appVersion, resolveHome } from '../../main/home.ts';
import { renderHtml } from '../../report/html.ts';
import { loadReplicationReport } from '../../main/replicate/load.ts';
import { Replication } from '../../main/replicate/replication.ts';
import type { ReplicateEvent } from '../../main/replicate/replication.ts';
import { DATA_OPTION_HELP, integerArg } from '../arguments.ts';
import { duration } from '../format.ts';
import { withPortablePaths } from '../portable-paths.ts';
import { EXIT_INTERRUPTED, HOME_OPTION_HELP, openStore } from '../run-queue.ts';
import { sweepProgress } from '../sweep-progress.ts';
import { addRedisOptions, checkRedisFlags } from '../redis-options.ts';
import type { RedisFlags } from '../redis-options.ts';
import type { SweepProgress } from '../sweep-progress.ts';

interface ReplicateOptions extends RedisFlags {
  only?: string;
  workers?: number;
  repeats?: number;
  quick?: boolean;
  new?: boolean;
  out?: string;
  home?: string;
  data?: string;
}

export function registerReplicateCommand(program: Command): void {
  addRedisOptions(program.command('replicate')
    .description('redo the whole reference study (EXPERIMENTS.md) and write its report; run it again to continue an interrupted one')
    .option('--only <ids>', `comma-separated sections to run: ${SECTIONS.join(', ')} (default: all)`)
    .option('--workers <n>', 'training threads (default: every core — the main process only waits, and the gradient checks take one more thread only while they run; 0 with --redis: remote workers only)', integerArg(0, 256))
    .option('--repeats <r>', `seeds per σ × BN cell (default ${DEFAULT_REPEATS}; ${QUICK_REPEATS} with --quick)`, integerArg(1, 100))
    .option('--quick', 'a smoke run: 400 training / 100 validation images, n_s ≤ 20, reduced-input gradient checks only; minutes on real data, seconds on the test slice; not compared with the reference')
    .option('--new', 'start a new replication instead of continuing the newest one of the same mode and repeats')
    .option('--out <dir>', 'where report.html and summary.md go (default: <home>/replication)')
    .option('--home <dir>', HOME_OPTION_HELP)
    .option('--data <dir>', DATA_OPTION_HELP))
    .action(runReplicate);
}

async function runReplicate(options: ReplicateOptions): Promise<void> {
  const sections = parseSections(options.only);
  const source = await resolveDataSource(options.data); // a bad --data (or --redis) fails before anything is stored
  checkRedisFlags(options);
  const home = resolveHome(options.home);
  const out = path.resolve(options.out ?? path.join(home, 'replication'));
  const workers = options.workers ?? os.availableParallelism();
  const repeats = options.repeats ?? (options.quick ? QUICK_REPEATS : DEFAULT_REPEATS);
  const store = openStore(options);
  try {
    const replication = new Replication({
      store, source, workers, quick: options.quick === true, repeats, sections, fresh: options.new === true, info: machineInfo(workers, source.path),
      remote: options.redis === undefined ? undefined : { redisUrl: options.redis, insecure: options.insecure, say: (line) => process.stderr.write(`sweeplab: ${line}\n`) },
    });
    process.stderr.write(`${replication.resumed ? 'Continuing' : 'Starting'} replication #${replication.id} (${options.quick ? 'quick' : 'full'}, ${repeats} seeds per σ cell) ` +
      `on ${workers} worker(s); sections: ${sections.join(', ')}; data: ${source.path}; store: ${store.file}\n`);
    let interrupted = false;
    const onSigint = () => {
      interrupted = true;
      process.stderr.write('\nsweeplab: stopping — running runs checkpoint and go back to the queue (`sweeplab replicate` again continues)\n');
      void replication.stop();
    };
    process.once('SIGINT', onSigint);
    const display = progressDisplay(replication);
    const unsubscribe = replication.subscribe(display.onEvent);
    let complete = false;
    try {
      complete = await replication.run();
    } finally {
      unsubscribe();
      display.stop();
      process.removeListener('SIGINT', onSigint);
    }
    const report = loadReplicationReport(store, replication.id)!;
    const shared = withPortablePaths(report, { home, data: source.path, typed: { home: options.home, data: options.data } });
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, 'report.html'), renderHtml(shared));
    writeFileSync(path.join(out, 'summary.md'), renderMarkdown(shared));
    process.stdout.write(`${summaryLines(report).join('\n')}\n`);
    process.stdout.write(`Report: ${path.join(out, 'report.html')}\nSummary: ${path.join(out, 'summary.md')}\n`);
    if (interrupted) process.exitCode = EXIT_INTERRUPTED;
    else if (!complete) process.stderr.write('Not every stage could finish (see the report); `sweeplab resume --retry` requeues failed runs, then run `sweeplab replicate` again.\n');
  } finally {
    store.close();
  }
}

/** Command, machine and data, stored with the replication so its report can say where it ran. */
function machineInfo(workers: number, dataSource: string): ReplicationInfo {
  const cpus = os.cpus();
  return {
    command: ['sweeplab', ...process.argv.slice(2)].join(' '),
    workers, dataSource, appVersion: appVersion(),
    machine: {
      cores: os.availableParallelism(), cpu: cpus[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.type()} ${os.release()} ${os.arch()}`, node: process.versions.node,
    },
  };
}

/**
 * The sweep progress display over the replication's queued runs, started again whenever a
 * stage queues more runs (the fine search, the best-λ runs); one line per gradient check.
 */
function progressDisplay(replication: Replication): { onEvent(event: ReplicateEvent): void; stop(): void } {
  let progress: SweepProgress | null = null;
  const say = (line: string) => (progress ? progress.log(line) : process.stderr.write(`${line}\n`));
  const restart = () => {
    progress?.stop();
    progress = sweepProgress(replication.unfinishedRuns(), replication.finishedRuns());
  };
  return {
    onEvent(event) {
      switch (event.kind) {
        case 'ready':
          restart();
          return;
        case 'lab':
          progress?.onEvent(event.event);
          return;
        case 'stage': {
          // Stop the bars first: a line logged into them would go with them when they restart.
          const running = progress !== null;
          progress?.stop();
          progress = null;
          say(`Queued ${event.runs} run(s) of stage ${event.stage} as sweep #${event.sweepId}`);
          if (running) restart();
          return;
        }
        case 'check':
          say(`gradient check ${event.key}: ${event.passed ? 'PASS' : 'FAIL'} (${duration(event.seconds)})`);
          return;
        case 'check-failed':
          say(`sweeplab: ${event.message}`);
          return;
      }
    },
    stop: () => progress?.stop(),
  };
}
