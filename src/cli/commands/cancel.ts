// `sweeplab cancel ID [--sweep]`: cancels a run (or with --sweep, every unfinished run of a
// sweep). Queued runs are cancelled at once; running ones stop at their next step, whichever
// process runs them. Finished runs are left alone.
import type { Command } from 'commander';
import { ConfigError } from '../../shared/errors.ts';
import { integerArg } from '../arguments.ts';
import { addHomeOption, withStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

export function registerCancelCommand(program: Command): void {
  addHomeOption(program.command('cancel')
    .description('cancel a run, or with --sweep every unfinished run of a sweep')
    .argument('<id>', 'a run id (or a sweep id with --sweep)', integerArg(1))
    .option('--sweep', 'the id is a sweep'))
    .action((id: number, options: HomeOptions & { sweep?: boolean }) => {
      withStore(options, false, (store) => {
        if (options.sweep ? !store.getSweep(id) : !store.getRun(id)) throw new ConfigError(`no ${options.sweep ? 'sweep' : 'run'} ${id} in ${store.file}`);
        const { cancelled, stopping } = options.sweep ? store.cancelSweep(id) : store.cancelRun(id);
        const what = options.sweep ? `sweep #${id}` : `run #${id}`;
        process.stdout.write(cancelled + stopping === 0
          ? `Nothing to cancel in ${what}: it has finished.\n`
          : `Cancelled ${what}: ${cancelled} queued run(s) cancelled${stopping ? `, ${stopping} running run(s) stop at their next step` : ''}.\n`);
      });
    });
}
