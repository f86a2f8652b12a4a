// The one LabClient of this page, set at start (main.ts) or by a test, read by the stores.
import type { LabClient } from './client.ts';

let current: LabClient | null = null;

export function setLabClient(client: LabClient): void {
  current = client;
}

export function labClient(): LabClient {
  if (!current) throw new Error('the lab client is not set (main.ts sets it at start)');
  return current;
}
