// `sweeplab diff A B`: two stored runs side by side — the config fields that differ and each
// final and best metric of both with B − A (accuracies in percent, differences in points).
import type { Command } from 'commander';
import { ConfigError } from '../../shared/errors.ts';
import { diffRuns } from '../../shared/run-diff.ts';
import type { MetricDifference } from '../../shared/run-diff.ts';
import { integerArg } from '../arguments.ts';
import { fixed, percent, points, renderTable } from '../format.ts';
import { addHomeOption, withStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value) ?? '—');

function metricCells(m: MetricDifference): string[] {
  const accuracy = m.metric.endsWith('accuracy');
  const cell = (v: number | null) => (v === null ? '—' : accuracy ? percent(v) : m.metric === 'steps' ? String(v) : fixed(v));
  const delta = m.delta === null ? '—' : accuracy ? points(100 * m.delta) : m.metric === 'steps' ? `${m.delta >= 0 ? '+' : ''}${m.delta}` : `${m.delta >= 0 ? '+' : ''}${fixed(m.delta)}`;
  return [m.metric, cell(m.a), cell(m.b), delta];
}

export function registerDiffCommand(program: Command): void {
  addHomeOption(program.command('diff')
    .description('compare two stored runs: the config fields that differ and the metric deltas')
    .argument('<a>', 'a run id', integerArg(1))
    .argument('<b>', 'another run id', integerArg(1))
    .option('--json', 'print { a, b, fields, metrics }'))
    .action((a: number, b: number, options: HomeOptions & { json?: boolean }) => {
      withStore(options, true, (store) => {
        const [runA, runB] = [a, b].map((id) => {
          const run = store.getRun(id);
          if (!run) throw new ConfigError(`no run ${id} in ${store.file}`);
          return run;
        });
        const diff = diffRuns({ ...runA, steps: runA.step }, { ...runB, steps: runB.step });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ a, b, ...diff })}\n`);
          return;
        }
        const lines = [`Run #${a} ${runA.label}  vs  run #${b} ${runB.label}`];
        lines.push(diff.fields.length === 0
          ? 'Same config (apart from the name).'
          : renderTable([{ head: 'field' }, { head: `#${a}` }, { head: `#${b}` }], diff.fields.map((f) => [f.path, show(f.a), show(f.b)])));
        if (diff.metrics.length > 0) {
          lines.push(renderTable([{ head: 'metric' }, { head: `#${a}`, align: 'right' }, { head: `#${b}`, align: 'right' }, { head: `#${b} − #${a}`, align: 'right' }], diff.metrics.map(metricCells)));
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
