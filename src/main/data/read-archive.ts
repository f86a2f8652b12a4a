// Reads cifar-10-binary.tar.gz directly, streaming: gunzip + untar in one pass (node-tar),
// each needed entry's chunks decoded as they arrive, so no entry's raw bytes are ever held
// whole beside the decoded result. Other entries are skipped.
// Truncated or corrupt archives, python-version archives and missing entries are DataErrors.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import {
  CIFAR_META_FILE, checkCifarBatchSize, createCifarDecoder, parseClassNames, type CifarBatchFile,
} from '../../core/data/cifar-binary.ts';
import { DataError } from '../../core/data/data-error.ts';
import type { CifarBatches } from '../../core/data/splits.ts';

/**
 * Calls `visit` for every regular file in the archive, in order. `visit` must consume the
 * entry (listen to 'data' or call resume()) synchronously; the promise it returns is awaited
 * before walkArchive resolves. Rejects with a DataError naming the archive if it is
 * unreadable, truncated, or not a tar(.gz); `label` is how errors name it (default: its path).
 */
export function walkArchive(
  archive: string, visit: (entry: ReadEntry) => Promise<void> | void, label: string = archive,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pending: Promise<void>[] = [];
    const input = createReadStream(archive);
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      input.destroy();
      reject(err instanceof DataError ? err : DataError.about(label, describeArchiveError(err)));
    };
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
    input.on('error', fail);
    input.pipe(parser);
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
