// `sweeplab` command-line entry: builds the command tree and maps failures to exit codes.
// Each subcommand lives in its own file; this file only wires them up.
import { Command } from 'commander';

const program = new Command()
  .name('sweeplab')
  .description('Train k-layer batch-norm networks on CIFAR-10 and sweep their hyper-parameters.')
  .showHelpAfterError();

await program.parseAsync(process.argv);
