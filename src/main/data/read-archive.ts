// Reads cifar-10-binary.tar.gz directly, streaming: gunzip + untar in one pass (node-tar),
// each needed entry's chunks decoded as they arrive, so no entry's raw bytes are ever held
// whole beside the decoded result. Other entries are skipped.
// Truncated or corrupt archives, python-version archives and missing entries are DataErrors,
// and so is an archive that expands past a cap (a gzip bomb): the gunzip is ours, counted.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import {
  CIFAR_META_FILE, checkCifarBatchSize, createCifarDecoder, parseClassNames, type CifarBatchFile,
} from '../../core/data/cifar-binary.ts';
import { DataError } from '../../core/data/data-error.ts';
import type { CifarBatches } from '../../core/data/splits.ts';

/** The CIFAR-10 binary tar is 184 MB; a little room for a mirror's extra files, no more. */
export const DEFAULT_MAX_EXPANDED_BYTES = 512 * 2 ** 20;

const GZIP_MAGIC = [0x1f, 0x8b];

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/**
 * Calls `visit` for every regular file in the archive, in order. `visit` must consume the
 * entry (listen to 'data' or call resume()) synchronously; the promise it returns is awaited
 * before walkArchive resolves. Rejects with a DataError naming the archive if it is
 * unreadable, truncated, or not a tar(.gz); `label` is how errors name it (default: its path).
 */
export async function walkArchive(
  archive: string, visit: (entry: ReadEntry) => Promise<void> | void, label: string = archive,
  maxExpandedBytes = DEFAULT_MAX_EXPANDED_BYTES,
): Promise<void> {
  let gzipped: boolean;
  try {
    gzipped = await isGzip(archive);
  } catch (err) {
    throw DataError.about(label, describeArchiveError(err));
  }
  return new Promise((resolve, reject) => {
    const pending: Promise<void>[] = [];
    const file = createReadStream(archive);
    const streams: Readable[] = [file];
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      for (const stream of streams) stream.destroy();
      reject(err instanceof DataError ? err : DataError.about(label, describeArchiveError(err)));
    };
    let expanded = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        expanded += chunk.length;
        if (expanded > maxExpandedBytes) {
          callback(DataError.about(label, `expands past ${Math.round(maxExpandedBytes / 2 ** 20)} MB, far more than CIFAR-10 (a damaged or hostile archive); stopped`));
          return;
        }
        callback(null, chunk);
      },
    });
    streams.push(limit);
    // strict: every tar warning (bad header checksum, truncated entry, not a tar) is an error.
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry) => {
        if (failed || entry.type !== 'File') {
          entry.resume();
          return;
        }
        try {
          const done = Promise.resolve(visit(entry));
          done.catch(fail);
          pending.push(done);
        } catch (err) {
          fail(err);
        }
      },
    });
    parser.on('error', fail);
    parser.on('end', () => {
      Promise.all(pending).then(() => { if (!failed) resolve(); }, fail);
    });
    file.on('error', fail);
    limit.on('error', fail);
    if (gzipped) {
      const gunzip = createGunzip();
      streams.push(gunzip);
      gunzip.on('error', fail);
      file.pipe(gunzip).pipe(limit);
    } else {
      file.pipe(limit);
    }
    limit.pipe(parser);
  });
}

/** The raw bytes of one entry, in one buffer of exactly the size the tar header announced. */
export function collectEntry(entry: ReadEntry, label: string): Promise<Uint8Array> {
  const bytes = new Uint8Array(entry.size);
  let at = 0;
  return new Promise((resolve, reject) => {
    entry.on('data', (chunk: Buffer) => {
      if (at + chunk.length > bytes.length) {
        reject(DataError.about(label, `holds more bytes than its tar header says (${entry.size})`));
        return;
      }
      bytes.set(chunk, at);
      at += chunk.length;
    });
    entry.on('end', () => {
      if (at === entry.size) resolve(bytes);
      else reject(DataError.about(label, `truncated: ${at} of ${entry.size} bytes`));
    });
  });
}

export async function readCifarArchive(archive: string, files: readonly CifarBatchFile[]): Promise<CifarBatches> {
  const wanted = new Set<string>(files);
  const result: CifarBatches = { batches: {} };
  const seen = new Map<string, string>();
  await walkArchive(archive, async (entry) => {
    const name = path.posix.basename(entry.path);
    if (/(^|\/)cifar-10-batches-py\//.test(entry.path)) {
      throw DataError.about(archive,
        'this is the python version of CIFAR-10 (cifar-10-python.tar.gz); Sweeplab reads the binary version, ' +
        'cifar-10-binary.tar.gz — run `sweeplab data fetch` to download it');
    }
    if (!wanted.has(name) && name !== CIFAR_META_FILE) {
      entry.resume();
      return;
    }
    const label = `${archive} (entry ${entry.path})`;
    const previous = seen.get(name);
    if (previous !== undefined) throw DataError.about(archive, `holds ${name} twice (${previous} and ${entry.path})`);
    seen.set(name, entry.path);
    if (name === CIFAR_META_FILE) {
      const text = new TextDecoder().decode(await collectEntry(entry, label));
      result.classNames = parseClassNames(text, label);
      return;
    }
    const decoder = createCifarDecoder(checkCifarBatchSize(entry.size, label), label);
    await new Promise<void>((resolve, reject) => {
      entry.on('data', (chunk: Buffer) => { try { decoder.push(chunk); } catch (err) { reject(err); } });
      entry.on('end', () => { try { result.batches[name as CifarBatchFile] = decoder.finish(); resolve(); } catch (err) { reject(err); } });
    });
  });
  const missing = files.filter((name) => !seen.has(name));
  if (missing.length > 0) {
    throw DataError.about(archive,
      `has no ${missing.join(', ')}; expected the CIFAR-10 binary archive (cifar-10-binary.tar.gz, ` +
      'folder cifar-10-batches-bin/ with data_batch_1.bin … test_batch.bin)');
  }
  return result;
}

function describeArchiveError(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = (err as Error).message ?? String(err);
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message)) {
    return 'truncated archive: the gzip stream ends early (an interrupted download?); download it again';
  }
  if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ENTRY_INVALID') {
    return `not a valid tar.gz archive, or truncated (${message})`;
  }
  if (typeof code === 'string' && code.startsWith('Z_')) return `corrupt gzip data (${message})`;
  return `cannot be read: ${message}`;
}
