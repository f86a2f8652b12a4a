// Downloads one URL to one file with progress callbacks, and fails loudly on anything short
// of a complete 200 response (HTTP errors, dropped connections, fewer bytes than announced).
// It refuses plain http unless the caller allows it, follows redirects itself (never down to
// http, never to a private address), and stops a body that grows past a size cap. Knows
// nothing about CIFAR; fetch.ts decides what to download and what to do with it.
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { DataError } from '../../core/data/data-error.ts';
import { privateAddressOf } from './address-check.ts';

/** `total` is the Content-Length, when the server sends one. */
export type ProgressCallback = (received: number, total: number | undefined) => void;

/** The official archive is 170,052,171 bytes; room for a mirror's slightly different one. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 256 * 2 ** 20;
const MAX_REDIRECTS = 5;

export interface DownloadOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Plain http for the URL given (a mirror the user typed); redirects may still not drop to http from https. */
  allowHttp?: boolean;
  maxBytes?: number;
}

export async function downloadToFile(url: string, dest: string, options: DownloadOptions = {}): Promise<number> {
  const { onProgress, signal, maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES } = options;
  const response = await openFollowingRedirects(url, options);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const tooLarge = () => DataError.about(url, `download stopped: more than ${megabytes(maxBytes)} MB, larger than any CIFAR-10 archive`);
  if (total !== undefined && total > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  let received = 0;
  onProgress?.(0, total);
  const count = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) {
        callback(tooLarge());
        return;
      }
      onProgress?.(received, total);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), count, createWriteStream(dest), { signal });
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw DataError.about(url, `download interrupted after ${received} bytes${total ? ` of ${total}` : ''}: ${describeNetworkError(err)}`);
  }
  if (total !== undefined && received !== total) {
    throw DataError.about(url, `download truncated: received ${received} of ${total} bytes`);
  }
  return received;
}

async function openFollowingRedirects(url: string, options: DownloadOptions): Promise<Response> {
  let current = new URL(url);
  if (current.protocol !== 'https:' && !(options.allowHttp && current.protocol === 'http:')) {
    throw DataError.about(url, 'download refused: only https URLs are fetched (give an http mirror on the command line to use one)');
  }
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(current, { signal: options.signal, redirect: 'manual' });
    } catch (err) {
      throw DataError.about(url, `download failed: ${describeNetworkError(err)}`);
    }
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) {
      if (!response.ok || !response.body) throw DataError.about(url, `download failed: HTTP ${response.status} ${response.statusText}`);
      return response;
    }
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) throw DataError.about(url, `download failed: more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, current);
    if (next.protocol !== 'https:' && !(next.protocol === 'http:' && current.protocol === 'http:')) {
      throw DataError.about(url, `download refused: a redirect to ${next.protocol} ${next.host} (only https, never down from https to http)`);
    }
    const privateAddress = await privateAddressOf(next.hostname);
    if (privateAddress !== null) {
      throw DataError.about(url, `download refused: a redirect to the private address ${privateAddress} (${next.host})`);
    }
    current = next;
  }
}

const megabytes = (bytes: number) => Math.round(bytes / 2 ** 20);

function describeNetworkError(err: unknown): string {
  const e = err as Error & { cause?: { message?: string; code?: string } };
  const cause = e.cause?.message ?? e.cause?.code;
  return cause ? `${e.message} (${cause})` : e.message;
}
