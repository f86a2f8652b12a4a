// `sweeplab` command-line entry: builds the command tree and maps failures to exit codes.
// Each subcommand lives in its own file; this file only wires them up. Expected failures
// (bad flags, configs, data) end as one `sweeplab: …` line and exit code 1; bugs keep their stack.
import { Command } from 'commander';
import { failWith } from './fail.ts';
import { appVersion } from '../main/home.ts';
import { enableRelaxedSimd } from '../../workers/runtime/relaxed-simd.ts';

// The kernels the engine's workers run, so `sweeplab train` gives a run's bits as a sweep would.
enableRelaxedSimd();

// `sweeplab presets | head`: a reader that stops early is not an error (as for any Unix tool).
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit();
});

const program = new Command()
  .name('sweeplab')
  .description('Train k-layer batch-norm networks on CIFAR-10 and sweep their hyper-parameters.')
  .version(appVersion(), '-V, --version', 'print the version')
  .showHelpAfterError('(add --help for usage)')
  // Commander's usage errors read "error: …"; say whose error it is, like every other failure.
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'sweeplab: ')) });

// Each command's module (and what it imports: the store, echarts, the worker pool…) is loaded
// only when that command runs: through tsx, importing all of them cost more CPU than `train`
// spends loading CIFAR-10. Help and unknown commands load them all, so help lists every command.
type Register = (program: Command) => void;
const commands: Record<string, () => Promise<Register>> = {
  train: async () => (await import('./commands/train.ts')).registerTrainCommand,
  gradcheck: async () => (await import('./commands/gradcheck.ts')).registerGradcheckCommand,
  presets: async () => (await import('./commands/presets.ts')).registerPresetsCommand,
  data: async () => (await import('./commands/data.ts')).registerDataCommands,
  sweep: async () => (await import('./commands/sweep.ts')).registerSweepCommand,
  runs: async () => (await import('./commands/runs.ts')).registerRunsCommand,
  show: async () => (await import('./commands/show.ts')).registerShowCommand,
  diff: async () => (await import('./commands/diff.ts')).registerDiffCommand,
  // One module registers both `note` and `tag`: asking for either loads it once.
  note: async () => (await import('./commands/annotate.ts')).registerAnnotateCommands,
  tag: async () => (await import('./commands/annotate.ts')).registerAnnotateCommands,
  report: async () => (await import('./commands/report.ts')).registerReportCommand,
  refine: async () => (await import('./commands/refine.ts')).registerRefineCommand,
  resume: async () => (await import('./commands/resume.ts')).registerResumeCommand,
  replicate: async () => (await import('./commands/replicate.ts')).registerReplicateCommand,
  cancel: async () => (await import('./commands/cancel.ts')).registerCancelCommand,
  export: async () => (await import('./commands/export.ts')).registerExportCommand,
  serve: async () => (await import('./commands/serve.ts')).registerServeCommand,
  worker: async () => (await import('./commands/worker.ts')).registerWorkerCommand,
};
const named = process.argv[2];
const wanted = named !== undefined && Object.hasOwn(commands, named) ? [commands[named]] : Object.values(commands);
for (const register of new Set(await Promise.all(wanted.map((load) => load())))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  failWith(err);
}
