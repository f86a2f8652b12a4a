import { describe, expect, it } from 'vitest';
import { labEventOf } from '../../src/main/contract-shapes.ts';
import type { EngineEvent } from '../../src/main/engine/events.ts';

const progress = { step: 3, totalSteps: 100, epoch: 0, eta: 1, batchCost: 2 };

describe('labEventOf', () => {
  it("tells the app of starts, progress, points and ends in the contract's shapes", () => {
    const started: EngineEvent = { kind: 'run-started', runId: 4, sweepId: 2, label: 'a', fromStep: 10, totalSteps: 90, stepsPerEpoch: 30 };
    expect(labEventOf(started)).toEqual({ kind: 'run-started', runId: 4, totalSteps: 90, stepsPerEpoch: 30 });
    expect(labEventOf({ kind: 'heartbeat', runId: 4, progress })).toEqual({ kind: 'progress', runId: 4, progress });
    const point = { step: 3 } as never;
    expect(labEventOf({ kind: 'record', runId: 4, point })).toEqual({ kind: 'record', runId: 4, point });
    const error = { code: 'diverged' as const, message: 'cost is NaN' };
    expect(labEventOf({ kind: 'run-finished', runId: 4, status: 'diverged', error }))
      .toEqual({ kind: 'run-finished', runId: 4, status: 'diverged', error });
  });

  it('keeps checkpoints and idleness to the engine', () => {
    expect(labEventOf({ kind: 'checkpoint', runId: 4, step: 30 })).toBeNull();
    expect(labEventOf({ kind: 'idle' })).toBeNull();
  });
});
