// `sweeplab report SWEEP`: the sweep's table in the layout of EXPERIMENTS.md — the λ table
// (λ, final val, mean of top-5 val, final train) or, when the sweep varies the initialisation,
// the σ × BN table of test accuracy — as mean ± std over repeats. The figures come from
// src/core/sweep/report.ts; this file only reads the store and renders.
import type { Command } from 'commander';
import { sweepReport } from '../../core/sweep/report.ts';
import type { Cell, ReportTable, RunResult, Summary } from '../../core/sweep/report.ts';
import type { RunStore } from '../../main/store/run-store.ts';
import { ConfigError } from '../../shared/errors.ts';
import { integerArg } from '../arguments.ts';
import { percent, renderTable, setting } from '../format.ts';
import { addHomeOption, openStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

export function registerReportCommand(program: Command): void {
  addHomeOption(program.command('report')
    .description("print a sweep's table as EXPERIMENTS.md lays it out (λ table, or σ × BN table)")
    .argument('<sweep>', 'a sweep id', integerArg(1))
    .option('--json', 'print the table as data { kind, title, columns, rows, notes }'))
    .action((sweepId: number, options: HomeOptions & { json?: boolean }) => {
      const store = openStore(options, true);
      try {
        const sweep = store.getSweep(sweepId);
        if (!sweep) throw new ConfigError(`no sweep ${sweepId} in ${store.file}`);
        const table = sweepReport(runResults(store, sweepId));
        process.stdout.write(options.json ? `${JSON.stringify(table)}\n` : `Sweep #${sweepId} ${sweep.name}\n${renderReport(table)}\n`);
      } finally {
        store.close();
      }
    });
}

/** The store's runs of a sweep in the shape the report functions take. */
export function runResults(store: RunStore, sweepId: number): (RunResult & { id: number })[] {
  return store.listRuns({ sweepId }).map((run) => ({
    id: run.id, config: run.config, point: run.point, status: run.status,
    final: run.final ?? undefined, curves: store.getCurves(run.id),
  }));
}

const isSummary = (cell: Cell): cell is Summary => typeof cell === 'object' && cell !== null;

function renderCell(cell: Cell, kind: 'axis' | 'accuracy' | 'count'): string {
  if (cell === null) return '-';
  if (isSummary(cell)) {
    return cell.n > 1 ? `${percent(cell.mean)} ± ${(100 * cell.std).toFixed(2)}` : percent(cell.mean);
  }
  if (typeof cell === 'number') return kind === 'count' ? String(cell) : setting(cell);
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return cell;
}

export function renderReport(table: ReportTable): string {
  const body = renderTable(
    table.columns.map((c) => ({ head: c.label, align: c.kind === 'axis' ? 'left' as const : 'right' as const })),
    table.rows.map((row) => table.columns.map((c) => renderCell(row[c.key] ?? null, c.kind))));
  const repeats = table.rows.some((row) => Object.values(row).some((cell) => isSummary(cell) && cell.n > 1));
  return [table.title, body, ...(repeats ? ['Accuracies: mean ± std (percentage points) over the completed repeats.'] : []), ...table.notes.map((n) => `Note: ${n}`)].join('\n');
}
