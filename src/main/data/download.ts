// Downloads one URL to one file with progress callbacks, and fails loudly on anything short
// of a complete 200 response (HTTP errors, dropped connections, fewer bytes than announced).
// Knows nothing about CIFAR; fetch.ts decides what to download and what to do with it.
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DataError } from '../../core/data/data-error.ts';

/** `total` is the Content-Length, when the server sends one. */
export type ProgressCallback = (received: number, total: number | undefined) => void;

export async function downloadToFile(
  url: string, dest: string, onProgress?: ProgressCallback, signal?: AbortSignal,
): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, { signal, redirect: 'follow' });
  } catch (err) {
    throw DataError.about(url, `download failed: ${describeNetworkError(err)}`);
  }
  if (!response.ok || !response.body) {
    throw DataError.about(url, `download failed: HTTP ${response.status} ${response.statusText}`);
  }
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  let received = 0;
  onProgress?.(0, total);
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), count, createWriteStream(dest), { signal });
  } catch (err) {
    throw DataError.about(url, `download interrupted after ${received} bytes${total ? ` of ${total}` : ''}: ${describeNetworkError(err)}`);
  }
  if (total !== undefined && received !== total) {
    throw DataError.about(url, `download truncated: received ${received} of ${total} bytes`);
  }
  return received;
}

function describeNetworkError(err: unknown): string {
  const e = err as Error & { cause?: { message?: string; code?: string } };
  const cause = e.cause?.message ?? e.cause?.code;
  return cause ? `${e.message} (${cause})` : e.message;
}
