// `sweeplab` command-line entry: builds the command tree and maps failures to exit codes.
// Each subcommand lives in its own file; this file only wires them up. Expected failures
// (bad flags, configs, data) end as one `sweeplab: …` line and exit code 1; bugs keep their stack.
import { Command } from 'commander';
import { registerAnnotateCommands } from './commands/annotate.ts';
import { registerCancelCommand } from './commands/cancel.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerDiffCommand } from './commands/diff.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerGradcheckCommand } from './commands/gradcheck.ts';
import { registerPresetsCommand } from './commands/presets.ts';
import { registerRefineCommand } from './commands/refine.ts';
import { registerReplicateCommand } from './commands/replicate.ts';
import { registerReportCommand } from './commands/report.ts';
import { registerResumeCommand } from './commands/resume.ts';
import { registerRunsCommand } from './commands/runs.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerShowCommand } from './commands/show.ts';
import { registerSweepCommand } from './commands/sweep.ts';
import { registerTrainCommand } from './commands/train.ts';
import { failWith } from './fail.ts';
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
  .showHelpAfterError('(add --help for usage)')
  // Commander's usage errors read "error: …"; say whose error it is, like every other failure.
  .configureOutput({ outputError: (text, write) => write(text.replace(/^error: /, 'sweeplab: ')) });

registerTrainCommand(program);
registerGradcheckCommand(program);
registerPresetsCommand(program);
registerDataCommands(program);
registerSweepCommand(program);
registerRunsCommand(program);
registerShowCommand(program);
registerDiffCommand(program);
registerAnnotateCommands(program);
registerReportCommand(program);
registerRefineCommand(program);
registerResumeCommand(program);
registerReplicateCommand(program);
registerCancelCommand(program);
registerExportCommand(program);
registerServeCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  failWith(err);
}
