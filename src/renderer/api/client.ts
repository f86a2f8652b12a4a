// The renderer's view of the LabApi contract: `lab.call('getRun', { id })` answers the typed
// value or throws a LabCallError carrying the AppError, and `lab.onEvent` delivers pushed
// events. Which transport carries them (Electron IPC or serve mode's WebSocket) is chosen once
// at start (transport.ts); nothing above this file knows.
import type { AppError } from '../../shared/errors.ts';
import type { LabAnswers, LabCall, LabEvent, LabInput, LabRequestName } from '../../shared/lab-api.ts';

export interface LabTransport {
  call: LabCall;
  onEvent(listener: (event: LabEvent) => void): () => void;
  /** 'ipc' in Electron, 'ws' in a browser. */
  kind: 'ipc' | 'ws';
}

export class LabCallError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'LabCallError';
  }

  /** Per-field problems of a rejected config or sweep, when the lab listed them. */
  get issues(): Array<{ path: string; message: string }> {
    const issues = this.error.details?.issues;
    return Array.isArray(issues) ? (issues as Array<{ path: string; message: string }>) : [];
  }
}

export class LabClient {
  constructor(private readonly transport: LabTransport) {}

  get kind(): LabTransport['kind'] {
    return this.transport.kind;
  }

  async call<N extends LabRequestName>(name: N, input: LabInput<N>): Promise<LabAnswers[N]> {
    const result = await this.transport.call(name, input);
    if (!result.ok) throw new LabCallError(result.error);
    return result.value;
  }

  onEvent(listener: (event: LabEvent) => void): () => void {
    return this.transport.onEvent(listener);
  }
}
