import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchEvents, subscribeInBatches } from '../../src/main/event-batch.ts';
import type { LabEvent } from '../../src/shared/lab-api.ts';

const progress = (runId: number, step: number): LabEvent => ({ kind: 'progress', runId, progress: { step, totalSteps: 100, epoch: 0, eta: 1, batchCost: 2 } });
const record = (runId: number, step: number): LabEvent => ({ kind: 'record', runId, point: { step } as never });

describe('batchEvents', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the events of one period as one message, in order, and nothing when there were none', () => {
    const sent: LabEvent[][] = [];
    const batcher = batchEvents((events) => sent.push(events), 100);
    batcher.push(record(1, 10));
    batcher.push({ kind: 'runs-changed' });
    batcher.push(record(2, 10));
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[record(1, 10), { kind: 'runs-changed' }, record(2, 10)]]);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
    batcher.push(record(1, 20));
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([[record(1, 10), { kind: 'runs-changed' }, record(2, 10)], [record(1, 20)]]);
  });

  it("keeps a run's newest heartbeat only, after the events that came before it", () => {
    const sent: LabEvent[][] = [];
    const batcher = batchEvents((events) => sent.push(events), 100);
    batcher.push(progress(1, 5));
    batcher.push(progress(2, 5));
    batcher.push(record(1, 10));
    batcher.push(progress(1, 12));
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([[progress(2, 5), record(1, 10), progress(1, 12)]]);
  });

  it('sends nothing after close, not even the waiting batch', () => {
    const sent: LabEvent[][] = [];
    const batcher = batchEvents((events) => sent.push(events), 100);
    batcher.push(record(1, 10));
    batcher.close();
    batcher.push(record(1, 20));
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([]);
  });

  it('subscribes in batches; unsubscribing stops the events and drops the waiting batch', () => {
    const listeners = new Set<(event: LabEvent) => void>();
    const emit = (event: LabEvent) => { for (const listener of listeners) listener(event); };
    const sent: LabEvent[][] = [];
    const unsubscribe = subscribeInBatches((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }, (events) => sent.push(events));
    emit(record(1, 10));
    emit(record(1, 20));
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([[record(1, 10), record(1, 20)]]);
    emit(record(1, 30));
    unsubscribe();
    expect(listeners.size).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
  });
});
