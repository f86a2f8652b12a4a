// LabService: the LabApi contract (src/shared/lab-api.ts) implemented over the engine's Lab and
// RunStore, for every transport — Electron IPC (ipc.ts) and serve mode (serve/). It validates
// each request against the contract's schema, turns every failure into an AppError, applies
// the settings of a Sweeplab home (settings.ts) and re-broadcasts the Lab's events in the
// contract's shapes (contract-shapes.ts). It imports no Electron and knows no transport.
import os from 'node:os';
import path from 'node:path';
import { expandSweep } from '../shared/sweep/expand.ts';
import { refineAnySweep } from '../shared/sweep/search-refine.ts';
import { DEFAULT_METRIC, metricOf, sweepReport } from '../shared/sweep/report.ts';
import type { RunResult } from '../shared/sweep/report.ts';
import { ConfigError, toAppError } from '../shared/errors.ts';
import { LAB_REQUESTS } from '../shared/lab-api.ts';
import type { Created, LabAnswers, LabEvent, LabRequestName, LabResult, LabStatus, RunSummary } from '../shared/lab-api.ts';
import { getSweepPreset } from '../shared/sweep-presets.ts';
import { isSearchSweep, parseAnySweepSpec } from '../shared/search-schema.ts';
import type { AnySweepSpec } from '../shared/search-schema.ts';
import { fetchTargetFor } from './data/fetch.ts';
import { checkFetchTarget, checkFetchUrl } from './data/fetch-policy.ts';
import { dataPathFrom, defaultDataDir, resolveDataSource } from './data/source.ts';
import type { DataSource } from './data/source.ts';
import { labEventOf, presetInfo, runSummary, sweepSummary } from './contract-shapes.ts';
import { RunAnalysis, runConfusion, runGradCheck } from './engine/analysis.ts';
import { Lab } from './engine/lab.ts';
import { openRemoteLab } from './remote/remote-lab.ts';
import { parseRedisUrl } from './remote/redis-connection.ts';
import { supplySearches } from './engine/search-driver.ts';
import { LabSearch } from './lab-search.ts';
import { defaultWorkerCount } from './engine/pool.ts';
import { DataFetchJob } from './data-fetch-job.ts';
import { loadReplicationReport } from './replicate/load.ts';
import { appVersion } from './home.ts';
import { readSettings, settingsFile, writeSettings } from './settings.ts';
import type { Settings } from './settings.ts';
import { RunStore } from './store/run-store.ts';
import type { RunRecord, SweepRecord } from './store/run-store.ts';

export interface LabServiceOptions {
  home: string;
  /** Overrides the saved data location for this session (serve --data). */
  data?: string;
  /** Overrides the saved worker count for this session. */
  workers?: number;
  /** Another worker entry (tests). */
  workerFile?: URL | string;
  /** Overrides the saved Redis URL for this session (serve --redis): runs go to remote workers. */
  redis?: string;
  insecure?: boolean;
  /** The analysis worker entry (the built analysis.js in Electron). */
  analysisWorkerFile?: URL | string;
  /** CIFAR-10 mirrors the app may download from (serve --data-mirror), besides settings.json's. */
  dataMirrors?: readonly string[];
  /** Where "the official archive" is (tests point it at a local server). */
  officialDataUrl?: string;
}

/** How long the app waits for a Redis that does not answer before it trains on this machine alone. */
const REDIS_WAIT_MS = 10_000;

type Handlers = { [N in LabRequestName]: (input: never) => LabAnswers[N] | Promise<LabAnswers[N]> };

export class LabService {
  readonly store: RunStore;
  private lab: Lab | null = null;
  private source: DataSource | null = null;
  private dataMessage: string | null = null;
  private settings: Settings;
  private paused = false;
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private unsubscribeLab: (() => void) | null = null;
  private fetchJob: DataFetchJob | null = null;
  /** serve --data: wins over the saved location until the user picks one in the app. */
  private sessionData: string | undefined;
  /** serve --workers: wins over the saved count until the user picks one in the app. */
  private sessionWorkers: number | undefined;
  /** serve --redis: wins over the saved Redis URL until the user picks one in the app. */
  private sessionRedis: string | undefined;
  private redisStatus: LabStatus['redis'] = null;
  private readonly analysis: RunAnalysis;
  private readonly search: LabSearch;

  private constructor(private readonly options: LabServiceOptions) {
    this.store = RunStore.open(options.home, appVersion());
    this.search = new LabSearch(this.store);
    this.settings = readSettings(this.settingsFile);
    this.sessionData = options.data;
    this.sessionWorkers = options.workers;
    this.sessionRedis = options.redis;
    this.analysis = new RunAnalysis(options.analysisWorkerFile);
  }

  /** Opens the home's store, finds the data and starts taking queued runs if it can. */
  static async open(options: LabServiceOptions): Promise<LabService> {
    const service = new LabService(options);
    await service.connectData();
    return service;
  }

  private get settingsFile(): string {
    return settingsFile(this.options.home);
  }

  private get workers(): number {
    return this.sessionWorkers ?? this.settings.workers ?? defaultWorkerCount();
  }

  subscribe(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: LabEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The one entry point of every transport: validate, run, and answer with data, never a throw. */
  async dispatch(name: string, input: unknown): Promise<LabResult<unknown>> {
    if (!Object.hasOwn(LAB_REQUESTS, name)) return { ok: false, error: { code: 'bad_config', message: `unknown request "${name}"` } };
    const request = name as LabRequestName;
    const parsed = LAB_REQUESTS[request].safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
      return { ok: false, error: { code: 'bad_config', message: `bad ${request} request: ${issues.join('; ')}` } };
    }
    try {
      const handler = this.handlers[request] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (thrown) {
      return { ok: false, error: toAppError(thrown) };
    }
  }

  private readonly handlers: Handlers = {
    getStatus: () => this.status(),
    listPresets: () => presetInfo(),
    listRuns: (input: { sweepId?: number }) => this.listRuns(input.sweepId),
    getRun: (input: { id: number }) => {
      const run = this.store.getRun(input.id);
      if (!run) throw new ConfigError(`no run ${input.id}`);
      return { run: this.summarize(run), curves: this.store.getCurves(run.id) };
    },
    listSweeps: () => this.store.listSweeps().map((sweep) => sweepSummary(sweep, sweep.counts, this.search.sweepExtras(sweep))),
    getSweepReport: (input: { id: number }) => {
      const sweep = this.requireSweep(input.id);
      return {
        sweep: sweepSummary(sweep, this.store.counts(sweep.id), this.search.sweepExtras(sweep)),
        table: sweepReport(this.results(sweep.id)), ...this.search.reportExtras(sweep),
      };
    },
    createSweep: (input: { spec: unknown } | { sweepPreset: string }) =>
      this.enqueue('spec' in input ? parseAnySweepSpec(input.spec, 'sweep') : getSweepPreset(input.sweepPreset)),
    refineSweep: (input: { id: number; top: number }) => {
      const parent = this.requireSweep(input.id);
      const spec = parseAnySweepSpec(parent.spec, `sweep #${parent.id} (stored)`);
      const results = this.results(parent.id).map((run) => ({ point: run.point, value: metricOf(run, DEFAULT_METRIC) ?? Number.NaN }));
      const child = refineAnySweep(spec, results, { top: input.top, metric: DEFAULT_METRIC });
      child.parent = { ...child.parent!, id: parent.id };
      return this.enqueue(child, parent.id);
    },
    cancelRun: (input: { id: number }) => this.changed(this.lab ? this.lab.cancelRun(input.id) : this.store.cancelRun(input.id)),
    cancelSweep: (input: { id: number }) => this.changed(this.lab ? this.lab.cancelSweep(input.id) : this.store.cancelSweep(input.id)),
    retryRun: (input: { id: number }) => this.changed({ requeued: this.lab ? this.lab.retry({ runId: input.id }) : this.store.retry({ runId: input.id }) }),
    runNext: (input: { id: number }) => {
      const queued = this.store.listRuns({ status: 'queued' });
      if (!queued.some((run) => run.id === input.id)) throw new ConfigError(`run ${input.id} is not queued`);
      const priority = Math.max(...queued.map((run) => run.priority)) + 1;
      this.store.setPriority(input.id, priority);
      return this.changed({ priority });
    },
    pauseQueue: () => {
      this.paused = true;
      this.lab?.pause();
      return this.broadcastStatus();
    },
    resumeQueue: () => {
      this.paused = false;
      this.lab?.resume();
      return this.broadcastStatus();
    },
    updateSettings: (input: Settings) => this.saveSettings(input),
    fetchData: async (input: { dataPath?: string; url?: string }) => {
      const url = checkFetchUrl(input.url, { official: this.options.officialDataUrl, mirrors: [...(this.options.dataMirrors ?? []), ...(this.settings.dataMirrors ?? [])] });
      // A folder the request names must lie in the user's own places; the configured one is the user's choice.
      const where = input.dataPath === undefined
        ? this.dataPathTried()
        : await checkFetchTarget(fetchTargetFor(input.dataPath), [os.homedir(), this.options.home, path.dirname(defaultDataDir())]);
      if (!where) throw new ConfigError('say where to put the data');
      if (this.fetchJob?.running) throw new ConfigError(`a download into ${this.fetchJob.current.target} is already running`);
      const job = new DataFetchJob(where, url, (state) => this.emit({ kind: 'data-fetch', state }));
      this.fetchJob = job;
      void job.done.then(async (state) => {
        if (state.phase !== 'done' || this.fetchJob !== job) return;
        await this.saveSettings({ dataPath: state.target });
      });
      return job.current;
    },
    cancelDataFetch: () => {
      this.fetchJob?.cancel();
      return this.fetchJob?.current ?? null;
    },
    getRunConfusion: (input: { id: number }) => runConfusion(this.analysis, this.store, input.id, this.source),
    runGradCheck: (input: { id: number; dims?: number; samples?: number }) =>
      runGradCheck(this.analysis, this.store, input, this.source, (event) => this.emit(event)),
    getRunMetricsAt: (input: ({ step: number } | { epoch: number }) & { runIds?: number[] }) => this.store.pointsAt(input, input.runIds),
    getReplication: (input: { id?: number }) => loadReplicationReport(this.store, input.id),
    setNote: (input: ({ runId: number } | { sweepId: number }) & { note: string }) => this.changed(this.search.setNote(input, input.note)),
    setTags: (input: ({ runId: number } | { sweepId: number }) & { tags: string[] }) => this.changed(this.search.setTags(input, input.tags)),
    diffRuns: (input: { a: number; b: number }) => this.search.diff(input.a, input.b),
  };

  private async saveSettings(input: Settings): Promise<LabStatus> {
    if (input.dataPath !== undefined) await resolveDataSource(input.dataPath); // a bad choice is refused, not saved
    if (input.redisUrl) parseRedisUrl(input.redisUrl, { insecure: this.options.insecure });
    if (input.redisUrl !== undefined) this.sessionRedis = undefined;
    if (input.dataPath !== undefined) this.sessionData = undefined;
    if (input.workers !== undefined) this.sessionWorkers = undefined;
    this.settings = { ...this.settings, ...input };
    writeSettings(this.settingsFile, this.settings);
    // A new worker count applies to the running lab, stopping no run; new data needs a new lab.
    if (input.dataPath === undefined && input.redisUrl === undefined && this.lab) this.lab.setWorkers(this.workers);
    else await this.connectData();
    return this.broadcastStatus();
  }

  status(): LabStatus {
    return {
      home: this.options.home,
      data: { path: this.source?.path ?? this.dataPathTried(), ok: this.source !== null, message: this.dataMessage },
      fetch: this.fetchJob?.current ?? null,
      workers: this.workers,
      paused: this.paused,
      running: this.lab?.runningIds() ?? [],
      redis: this.redisStatus,
    };
  }

  private dataPathTried(): string | null {
    try {
      return dataPathFrom(this.sessionData ?? this.settings.dataPath).path;
    } catch {
      return null;
    }
  }

  private broadcastStatus(): LabStatus {
    const status = this.status();
    this.emit({ kind: 'status', status });
    return status;
  }

  private changed<T>(value: T): T {
    this.emit({ kind: 'runs-changed' });
    return value;
  }

  private listRuns(sweepId?: number): RunSummary[] {
    const names = new Map(this.store.listSweeps().map((s) => [s.id, s.name]));
    const runs = this.store.listRuns({ sweepId });
    const extras = this.search.runExtras(runs);
    return runs.map((run) => this.summarize(run, names, extras));
  }

  private summarize(run: RunRecord, names?: Map<number, string>, extras = this.search.runExtras([run])): RunSummary {
    const sweepName = run.sweepId === null ? null : (names?.get(run.sweepId) ?? this.store.getSweep(run.sweepId)?.name ?? null);
    return runSummary(run, sweepName, extras.get(run.id)!);
  }

  private requireSweep(id: number): SweepRecord {
    const sweep = this.store.getSweep(id);
    if (!sweep) throw new ConfigError(`no sweep ${id}`);
    return sweep;
  }

  private results(sweepId: number): RunResult[] {
    return this.store.listRuns({ sweepId }).map((run) => ({
      config: run.config, point: run.point, status: run.status, final: run.final ?? undefined, curves: this.store.getCurves(run.id),
    }));
  }

  private enqueue(spec: AnySweepSpec, parentId?: number): Created {
    const points = isSearchSweep(spec) ? [] : expandSweep(spec);
    const sweepId = this.store.createSweep({
      name: spec.name, spec, parentId, dataSource: this.source?.path, priority: spec.priority, runs: points,
    });
    // A search's first trials are queued now; the lab proposes the rest as runs finish.
    if (isSearchSweep(spec)) supplySearches(this.store, this.lab?.workers ?? this.workers, sweepId);
    const runIds = this.store.listRuns({ sweepId }).map((run) => run.id);
    this.emit({ kind: 'runs-changed' });
    // Lab has no "new work" call; resume() is its pump (and a no-op beyond that when not paused).
    if (this.lab && !this.paused) this.lab.resume();
    return { sweepId, runIds };
  }

  /** (Re)creates the Lab over the configured data; without data, runs wait in the queue. */
  private async connectData(): Promise<void> {
    await this.stopLab();
    try {
      this.source = await resolveDataSource(this.sessionData ?? this.settings.dataPath);
      this.dataMessage = null;
    } catch (thrown) {
      this.source = null;
      this.dataMessage = toAppError(thrown).message;
      return;
    }
    const lab = await this.makeLab(this.source);
    this.unsubscribeLab = lab.subscribe((event) => {
      const labEvent = labEventOf(event);
      if (labEvent) this.emit(labEvent);
    });
    this.lab = lab;
    lab.start();
    if (this.paused) lab.pause();
  }

  private async stopLab(): Promise<void> {
    const lab = this.lab;
    this.lab = null;
    this.unsubscribeLab?.();
    this.unsubscribeLab = null;
    if (lab) await lab.close();
  }

  /**
   * This machine's pool, or with a Redis URL a coordinator of remote workers lending them this
   * machine's threads; a Redis that refuses or does not answer in time leaves the pool in use.
   */
  private async makeLab(source: DataSource): Promise<Lab> {
    const url = this.sessionRedis ?? this.settings.redisUrl;
    this.redisStatus = null;
    if (url) {
      try {
        const remote = await openRemoteLab({
          store: this.store, source, redisUrl: url, insecure: this.options.insecure, localThreads: this.workers,
          workerFile: this.options.workerFile, say: (line) => process.stderr.write(`sweeplab: ${line}\n`), signal: AbortSignal.timeout(REDIS_WAIT_MS),
        });
        this.redisStatus = { url: remote.display, ok: true, message: null };
        return remote.lab;
      } catch (thrown) {
        this.redisStatus = { url: url.replace(/\/\/[^@/]*@/, '//'), ok: false, message: toAppError(thrown).message };
      }
    }
    // Only a count the user chose limits the threads its runs share; by default they get every core.
    return new Lab({ store: this.store, data: source, workers: this.sessionWorkers ?? this.settings.workers, workerFile: this.options.workerFile });
  }

  /** Running runs checkpoint and go back to the queue; the store closes. */
  async close(): Promise<void> {
    this.fetchJob?.cancel();
    await this.fetchJob?.done;
    await this.stopLab();
    await this.analysis.close();
    this.store.close();
  }
}
