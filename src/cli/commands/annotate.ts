// `sweeplab note ID ["text"] [--sweep]` and `sweeplab tag ID name… [--remove] [--sweep]`: what
// a user writes about a run or a sweep. A note replaces the previous one ("" clears it; no
// text prints it); tags are added (or with --remove taken off), each kept once.
import type { Command } from 'commander';
import { AnnotationStore } from '../../main/store/annotation-store.ts';
import type { AnnotationTarget } from '../../main/store/annotation-store.ts';
import { noteSchema, tagProblem, uniqueTags } from '../../shared/annotations.ts';
import { ConfigError } from '../../shared/errors.ts';
import { integerArg } from '../arguments.ts';
import { addHomeOption, withStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

type TargetOptions = HomeOptions & { sweep?: boolean };

const targetOf = (id: number, options: TargetOptions): AnnotationTarget => (options.sweep ? { sweepId: id } : { runId: id });
const nameOf = (id: number, options: TargetOptions) => `${options.sweep ? 'sweep' : 'run'} #${id}`;

export function registerAnnotateCommands(program: Command): void {
  addHomeOption(program.command('note')
    .description('set (or print) the note of a run, or with --sweep of a sweep')
    .argument('<id>', 'a run id (or a sweep id with --sweep)', integerArg(1))
    .argument('[text]', 'the note; "" clears it; without it the note is printed')
    .option('--sweep', 'the id is a sweep'))
    .action((id: number, text: string | undefined, options: TargetOptions) => {
      withStore(options, text === undefined, (store) => {
        const notes = new AnnotationStore(store);
        const missing = () => new ConfigError(`no ${options.sweep ? 'sweep' : 'run'} ${id} in ${store.file}`);
        if (text === undefined) {
          const current = notes.get(targetOf(id, options));
          if (!current) throw missing();
          process.stdout.write(current.note ? `${current.note}\n` : `${nameOf(id, options)} has no note.\n`);
          return;
        }
        const checked = noteSchema.safeParse(text);
        if (!checked.success) throw new ConfigError(`note: ${checked.error.issues[0].message}`);
        if (!notes.setNote(targetOf(id, options), text)) throw missing();
        process.stdout.write(text ? `Noted on ${nameOf(id, options)}.\n` : `Cleared the note of ${nameOf(id, options)}.\n`);
      });
    });

  addHomeOption(program.command('tag')
    .description('tag a run, or with --sweep a sweep; --remove takes tags off')
    .argument('<id>', 'a run id (or a sweep id with --sweep)', integerArg(1))
    .argument('<tags...>', 'one or more tags: letters, digits, . _ - : / +')
    .option('--remove', 'take these tags off instead')
    .option('--sweep', 'the id is a sweep'))
    .action((id: number, tags: string[], options: TargetOptions & { remove?: boolean }) => {
      for (const tag of tags) {
        const problem = tagProblem(tag);
        if (problem) throw new ConfigError(`tag ${JSON.stringify(tag)}: ${problem}`);
      }
      withStore(options, false, (store) => {
        const notes = new AnnotationStore(store);
        const target = targetOf(id, options);
        const done = options.remove ? notes.removeTags(target, uniqueTags(tags)) : notes.addTags(target, uniqueTags(tags));
        if (!done) throw new ConfigError(`no ${options.sweep ? 'sweep' : 'run'} ${id} in ${store.file}`);
        const now = notes.get(target)!.tags;
        process.stdout.write(`${nameOf(id, options)} tags: ${now.length ? now.join(', ') : '(none)'}\n`);
      });
    });
}
