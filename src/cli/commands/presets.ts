// `sweeplab presets`: the catalogue of reference experiments as a table (id, the report's
// test accuracy, description), with the caveats EXPERIMENTS.md attaches to some rows as
// footnotes. Listing only: `sweeplab train --preset ID` runs one.
import type { Command } from 'commander';
import { PRESETS, presetIds } from '../../shared/presets.ts';
import { renderTable } from '../format.ts';

/** Output width when stdout is not a terminal (a pipe or a file). */
const DEFAULT_WIDTH = 100;

export function registerPresetsCommand(program: Command): void {
  program.command('presets')
    .description('list the reference experiments that `sweeplab train --preset` runs')
    .action(() => {
      process.stdout.write(`${renderPresets(process.stdout.columns || DEFAULT_WIDTH)}\n`);
    });
}

export function renderPresets(width: number): string {
  const presets = presetIds().map((id) => PRESETS[id]);
  const idWidth = Math.max(...presets.map((p) => p.id.length)) + 2;
  const testWidth = 'ref. test'.length + 2;
  // cli-table3 widths include the padding; four border characters frame three columns.
  const descriptionWidth = Math.max(30, width - idWidth - testWidth - 4);
  const rows = presets.map((p) => [
    p.id,
    p.reference ? `${p.reference.test.toFixed(2)}%${p.caveat ? '*' : ''}` : '-',
    p.description,
  ]);
  const table = renderTable([
    { head: 'id', width: idWidth },
    { head: 'ref. test', align: 'right', width: testWidth },
    { head: 'description', width: descriptionWidth },
  ], rows);
  const notes = presets.filter((p) => p.caveat).map((p) => `* ${p.id}: ${p.caveat}`);
  return [table, 'ref. test: test accuracy in the reference report (EXPERIMENTS.md).', ...notes].join('\n');
}
