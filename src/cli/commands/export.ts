// `sweeplab export [--sweep ID] --format csv|json [--curves]`: the stored runs as data on
// stdout — one row per run (settings, status, final and best metrics), or with --curves one
// row per recorded point. JSON carries the full configs. Notes and tags go along (`--tag T`
// exports only the runs tagged T). Weights are not exported.
import { Option } from 'commander';
import type { Command } from 'commander';
import type { RecordPoint } from '../../core/metrics.ts';
import { AnnotationStore } from '../../main/store/annotation-store.ts';
import type { Annotations } from '../../main/store/annotation-store.ts';
import type { RunRecord } from '../../main/store/run-store.ts';
import { toCsv } from '../../shared/csv.ts';
import { integerArg } from '../arguments.ts';
import { addHomeOption, withStore } from '../run-queue.ts';
import type { HomeOptions } from '../run-queue.ts';

interface ExportOptions extends HomeOptions {
  sweep?: number;
  format: 'csv' | 'json';
  curves?: boolean;
  tag?: string;
}

export function registerExportCommand(program: Command): void {
  addHomeOption(program.command('export')
    .description('write stored runs (and with --curves their recorded points) as CSV or JSON on stdout')
    .option('--sweep <id>', 'only the runs of this sweep', integerArg(1))
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).makeOptionMandatory())
    .option('--curves', 'one row per recorded point (CSV), or each run with its curves (JSON)')
    .option('--tag <tag>', 'only the runs with this tag'))
    .action((options: ExportOptions) => {
      withStore(options, true, (store) => {
        const annotations = new AnnotationStore(store);
        const tagged = options.tag === undefined ? undefined : new Set(annotations.runsTagged(options.tag));
        const runs = annotations.annotateRuns(store.listRuns({ sweepId: options.sweep }).filter((run) => !tagged || tagged.has(run.id)));
        if (options.format === 'json') {
          const rows = runs.map((run) => (options.curves ? { ...run, curves: store.getCurves(run.id) } : run));
          process.stdout.write(`${JSON.stringify({ runs: rows })}\n`);
          return;
        }
        const lines = options.curves
          ? [[...RUN_COLUMNS.slice(0, 4), ...POINT_COLUMNS], ...runs.flatMap((run) => store.getCurves(run.id).map((p) => [...runCells(run).slice(0, 4), ...pointCells(p)]))]
          : [RUN_COLUMNS, ...runs.map(runCells)];
        process.stdout.write(toCsv(lines));
      });
    });
}

const RUN_COLUMNS = [
  'run', 'sweep', 'label', 'repeat', 'status', 'seed', 'lambda', 'hidden', 'batch_norm', 'init', 'sigma', 'eta_min', 'eta_max', 'step_size', 'cycles',
  'batch_size', 'split', 'precision', 'steps', 'final_train_acc', 'final_val_acc', 'final_test_acc', 'final_train_cost', 'final_val_cost', 'final_test_cost',
  'best_val_acc', 'best_val_step', 'compute_seconds', 'error_code', 'error_message', 'app_version', 'tags', 'note',
];

function runCells(run: RunRecord & Annotations): unknown[] {
  const c = run.config;
  const f = run.final;
  return [
    run.id, run.sweepId, run.label, run.repeat, run.status, run.seed, c.lambda, c.network.hidden.join('-'), c.network.batchNorm,
    c.network.init.kind, c.network.init.kind === 'normal' ? c.network.init.sigma : '', c.schedule.etaMin, c.schedule.etaMax,
    c.schedule.stepSize, c.schedule.cycles, c.batchSize, c.split.kind === 'a2' ? 'a2' : `holdout:${c.split.validation}`, c.precision, run.step,
    f?.train.accuracy, f?.val.accuracy, f?.test.accuracy, f?.train.cost, f?.val.cost, f?.test.cost,
    run.bestVal?.accuracy, run.bestVal?.step, run.computeSeconds, run.error?.code, run.error?.message, run.appVersion,
    run.tags.join(' '), run.note,
  ];
}

const POINT_COLUMNS = ['step', 'epoch', 'eta', 'train_cost', 'train_loss', 'train_acc', 'val_cost', 'val_loss', 'val_acc'];

function pointCells(p: RecordPoint): unknown[] {
  return [p.step, p.epoch, p.eta, p.train.cost, p.train.loss, p.train.accuracy, p.val.cost, p.val.loss, p.val.accuracy];
}
