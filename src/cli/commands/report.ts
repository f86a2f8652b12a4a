// `sweeplab report SWEEP`: the sweep's table in the layout of EXPERIMENTS.md — the λ table
// (λ, final val, mean of top-5 val, final train) or, when the sweep varies the initialisation,
// the σ × BN table of test accuracy — as mean ± std over repeats. The figures come from
// src/shared/sweep/report.ts; this file only reads the store and renders. Below it, the early
// stopping and search lines (search-report.ts).
import type { Command } from 'commander';
import { sweepReport } from '../../shared/sweep/report.ts';
import type { Cell, ReportTable, RunResult, Summary } from '../../shared/sweep/report.ts';
import type { RunStore } from '../../main/store/run-store.ts';
import { ConfigError } from '../../shared/errors.ts';
import { sweepPresetList } from '../../shared/sweep-presets.ts';
import type { SweepReference } from '../../shared/sweep-presets.ts';
import type { AnySweepSpec } from '../../shared/search-schema.ts';
import { integerArg } from '../arguments.ts';
import { searchReportLines } from '../search-report.ts';
import { percentSpread, renderTable, setting } from '../format.ts';
import { addHomeOption, withStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

export function registerReportCommand(program: Command): void {
  addHomeOption(program.command('report')
    .description("print a sweep's table as EXPERIMENTS.md lays it out (λ table, or σ × BN table)")
    .argument('<sweep>', 'a sweep id', integerArg(1))
    .option('--json', 'print the table as data { kind, title, columns, rows, notes }'))
    .action((sweepId: number, options: HomeOptions & { json?: boolean }) => {
      withStore(options, true, (store) => {
        const sweep = store.getSweep(sweepId);
        if (!sweep) throw new ConfigError(`no sweep ${sweepId} in ${store.file}`);
        const table = sweepReport(runResults(store, sweepId));
        const extra = searchReportLines(sweep.spec as AnySweepSpec, store.listRuns({ sweepId }));
        // A sweep run from a preset (same name) is shown beside the reference report's figures.
        const reference = sweepPresetList().find((p) => p.id === sweep.name)?.reference;
        process.stdout.write(options.json
          ? `${JSON.stringify(reference ? { ...table, reference } : table)}\n`
          : `Sweep #${sweepId} ${sweep.name}\n${renderReport(table, reference?.kind === table.kind ? reference : undefined)}\n${extra.map((l) => `${l}\n`).join('')}`);
      });
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
    return percentSpread(cell, '%');
  }
  if (typeof cell === 'number') return kind === 'count' ? String(cell) : setting(Number(cell.toPrecision(4)));
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return cell;
}

export function renderReport(table: ReportTable, reference?: SweepReference): string {
  const refColumns = reference ? referenceColumns(reference) : [];
  const body = renderTable(
    [...table.columns.map((c) => ({ head: c.label, align: c.kind === 'axis' ? 'left' as const : 'right' as const })),
      ...refColumns.map((c) => ({ head: c.head, align: 'right' as const }))],
    table.rows.map((row) => [...table.columns.map((c) => renderCell(row[c.key] ?? null, c.kind)), ...refColumns.map((c) => c.cell(row))]));
  const repeats = table.rows.some((row) => Object.values(row).some((cell) => isSummary(cell) && cell.n > 1));
  return [
    table.title, body,
    ...(repeats ? ['Accuracies: mean ± std (percentage points) over the completed repeats.'] : []),
    ...(reference ? ["ref.: the reference report's figures (EXPERIMENTS.md), in percent."] : []),
    ...(reference?.kind === 'sigma-bn' ? [`Note: ${reference.caveat}`] : []),
    ...table.notes.map((n) => `Note: ${n}`),
  ].join('\n');
}

/** Reference columns matched to a row by λ (printed to 5 decimals there) or by σ. */
function referenceColumns(reference: SweepReference): { head: string; cell: (row: Record<string, Cell>) => string }[] {
  const shown = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(2)}%`);
  switch (reference.kind) {
    case 'lambda': {
      const match = (row: Record<string, Cell>) => reference.rows.find((r) => typeof row.lambda === 'number' && Math.abs(r.lambda - row.lambda) <= 1e-5);
      return [
        { head: 'ref. val', cell: (row) => shown(match(row)?.finalVal) },
        { head: 'ref. top-5', cell: (row) => shown(match(row)?.top5Val) },
        { head: 'ref. train', cell: (row) => shown(match(row)?.finalTrain) },
      ];
    }
    case 'sigma-bn': {
      const match = (row: Record<string, Cell>) => reference.rows.find((r) => r.sigma === row.sigma);
      return [
        { head: 'ref. without BN', cell: (row) => shown(match(row)?.noBn) },
        { head: 'ref. with BN', cell: (row) => shown(match(row)?.bn) },
      ];
    }
  }
}
