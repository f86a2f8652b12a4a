// One CIFAR-10 download started from the app (LabService.fetchData): runs the data layer's
// fetchCifar (download → extract → verify against the SHA-256 sums → rename into place) with an
// AbortController, and reports its state, throttled, to a listener. What to do once the data is
// there (save it as the data location) is the service's business, not this file's.
import { fetchCifar, fetchTargetFor } from './data/fetch.ts';
import { toAppError } from '../shared/errors.ts';
import type { DataFetchState } from '../shared/lab-api.ts';

const PROGRESS_EVERY_MS = 200;

export class DataFetchJob {
  readonly done: Promise<DataFetchState>;
  private readonly abort = new AbortController();
  private state: DataFetchState;
  private lastReport = 0;

  /** `url` is one the service admitted (fetch-policy.ts): the official archive or a mirror the user configured. */
  constructor(dataPath: string, url: string, private readonly report: (state: DataFetchState) => void) {
    this.state = { phase: 'downloading', target: fetchTargetFor(dataPath), received: 0, total: null, message: null };
    this.done = this.run(url);
  }

  get current(): DataFetchState {
    return this.state;
  }

  get running(): boolean {
    return this.state.phase === 'downloading' || this.state.phase === 'verifying';
  }

  cancel(): void {
    this.abort.abort();
  }

  private set(patch: Partial<DataFetchState>, force = true): void {
    this.state = { ...this.state, ...patch };
    const now = Date.now();
    if (force || now - this.lastReport >= PROGRESS_EVERY_MS) {
      this.lastReport = now;
      this.report(this.state);
    }
  }

  private async run(url: string): Promise<DataFetchState> {
    this.set({});
    try {
      const result = await fetchCifar({
        // http only reaches here as a mirror the user typed on the command line.
        target: this.state.target, url, allowHttp: true, signal: this.abort.signal,
        onProgress: (received, total) => this.set({ received, total: total ?? null }, false),
        onDownloaded: (bytes) => this.set({ phase: 'verifying', received: bytes }),
      });
      this.set({ phase: 'done', target: result.folder, message: result.outcome === 'present' ? 'already there and verified' : 'downloaded and verified' });
    } catch (thrown) {
      this.set(this.abort.signal.aborted
        ? { phase: 'cancelled', message: 'cancelled; nothing was installed' }
        : { phase: 'failed', message: toAppError(thrown).message });
    }
    return this.state;
  }
}
