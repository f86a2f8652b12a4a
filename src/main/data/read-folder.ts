// Reads the extracted cifar-10-batches-bin/ folder: the batch files a split needs, streamed
// through one reused read buffer into the decoder (no file's raw bytes are held whole), plus
// batches.meta.txt when present. Not the archive (read-archive.ts), not normalisation (splits.ts).
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  CIFAR_META_FILE, CIFAR_RECORD_BYTES, checkCifarBatchSize, createCifarDecoder, parseClassNames,
  type CifarBatch, type CifarBatchFile,
} from '../../core/data/cifar-binary.ts';
import { DataError } from '../../core/data/data-error.ts';
import type { CifarBatches } from '../../core/data/splits.ts';

/** 1,000 records (3 MB) per read: few syscalls, and a buffer small enough to reuse for every file. */
const READ_CHUNK_BYTES = 1000 * CIFAR_RECORD_BYTES;

export async function readCifarFolder(dir: string, files: readonly CifarBatchFile[]): Promise<CifarBatches> {
  const result: CifarBatches = { batches: {} };
  const buffer = new Uint8Array(READ_CHUNK_BYTES);
  for (const name of files) {
    const file = path.join(dir, name);
    const size = await sizeOf(file);
    if (size === undefined) {
      throw DataError.about(file,
        'missing; the folder must hold data_batch_1.bin … data_batch_5.bin and test_batch.bin ' +
        '(an interrupted copy? `sweeplab data check` lists what is there)');
    }
    result.batches[name] = await decodeFile(file, checkCifarBatchSize(size, file), buffer);
  }
  const metaFile = path.join(dir, CIFAR_META_FILE);
  const meta = await readOptional(metaFile);
  if (meta !== undefined) result.classNames = parseClassNames(meta, metaFile);
  return result;
}

async function decodeFile(file: string, records: number, buffer: Uint8Array): Promise<CifarBatch> {
  const decoder = createCifarDecoder(records, file);
  const size = records * CIFAR_RECORD_BYTES;
  const handle = await open(file, 'r');
  try {
    for (let position = 0; position < size;) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position);
      if (bytesRead === 0) break; // shrank while we read it; finish() reports the truncation
      decoder.push(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } catch (err) {
    throw asDataError(err, file);
  } finally {
    await handle.close();
  }
  return decoder.finish();
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw DataError.about(file, 'is not a regular file');
    return s.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw asDataError(err, file);
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw asDataError(err, file);
  }
}

function asDataError(err: unknown, file: string): DataError {
  return err instanceof DataError ? err : DataError.about(file, `cannot be read: ${(err as Error).message}`);
}
