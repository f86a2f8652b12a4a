// Decoding of the CIFAR-10 binary version: record bytes → uint8 images (n, 3072) + labels,
// and batches.meta.txt → class names. Pure and strict: every size or label problem is a
// DataError naming the file. Not file access (src/main/data) and not normalisation (splits.ts).
import { DataError } from './data-error.ts';

export const CIFAR_PIXELS = 3072;
/** 1 label byte + 1024 R + 1024 G + 1024 B bytes, each plane 32x32 row-major. */
export const CIFAR_RECORD_BYTES = CIFAR_PIXELS + 1;
export const CIFAR_LABELS = 10;
export const CIFAR_CLASS_NAMES: readonly string[] = [
  'airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck',
];

export const CIFAR_TRAIN_FILES = [
  'data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin',
] as const;
export const CIFAR_TEST_FILE = 'test_batch.bin';
export const CIFAR_META_FILE = 'batches.meta.txt';
export type CifarBatchFile = (typeof CIFAR_TRAIN_FILES)[number] | typeof CIFAR_TEST_FILE;
export const CIFAR_BATCH_FILES: readonly CifarBatchFile[] = [...CIFAR_TRAIN_FILES, CIFAR_TEST_FILE];

export interface CifarBatch {
  /** (n, 3072) raw pixels 0..255, channel-major as in the file (R plane, G plane, B plane). */
  images: Uint8Array;
  /** (n) class indices 0..9. */
  labels: Uint8Array;
  n: number;
}

/**
 * Checks that `size` bytes can hold whole records, before anyone allocates or reads them
 * (the archive reader calls this on the tar header's size).
 */
export function checkCifarBatchSize(size: number, file: string): number {
  if (size === 0) throw DataError.about(file, 'file is empty; expected CIFAR-10 records of 3073 bytes');
  if (size % CIFAR_RECORD_BYTES !== 0) {
    throw DataError.about(file,
      `wrong size: ${size} bytes is not a multiple of ${CIFAR_RECORD_BYTES} (1 label byte + 3072 pixel bytes per record); ` +
      'the file is truncated or not a CIFAR-10 binary batch');
  }
  return size / CIFAR_RECORD_BYTES;
}

/** Decodes a whole file's bytes at once; see createCifarDecoder for streaming. */
export function decodeCifarBatch(bytes: Uint8Array, file: string): CifarBatch {
  const decoder = createCifarDecoder(checkCifarBatchSize(bytes.length, file), file);
  decoder.push(bytes);
  return decoder.finish();
}

export interface CifarDecoder {
  /** Accepts the next bytes of the file, in any chunking; records may straddle chunks. */
  push(chunk: Uint8Array): void;
  /** The decoded batch; throws if fewer than the announced records arrived. */
  finish(): CifarBatch;
}

/**
 * Streaming decoder for a batch of `n` records (n from checkCifarBatchSize on the file or tar
 * entry size): records are decoded straight into the result as chunks arrive, so a reader
 * never has to hold a whole file's raw bytes.
 */
export function createCifarDecoder(n: number, file: string): CifarDecoder {
  const images = new Uint8Array(n * CIFAR_PIXELS); // (n, 3072)
  const labels = new Uint8Array(n); // (n)
  const carry = new Uint8Array(CIFAR_RECORD_BYTES); // a record split across two chunks
  let carried = 0;
  let decoded = 0;

  const decodeRecords = (bytes: Uint8Array): void => {
    const count = bytes.length / CIFAR_RECORD_BYTES;
    if (decoded + count > n) {
      throw DataError.about(file, `holds more than the ${n} records (${n * CIFAR_RECORD_BYTES} bytes) its size announced`);
    }
    for (let k = 0; k < count; k++) {
      const at = k * CIFAR_RECORD_BYTES;
      const label = bytes[at];
      const record = decoded + k;
      if (label >= CIFAR_LABELS) {
        throw DataError.about(file,
          `label out of range: record ${record} (byte offset ${record * CIFAR_RECORD_BYTES}) has label ${label}, ` +
          `expected 0..${CIFAR_LABELS - 1}; this is not a CIFAR-10 binary batch (CIFAR-100 records have 2 label bytes)`);
      }
      labels[record] = label;
      images.set(bytes.subarray(at + 1, at + CIFAR_RECORD_BYTES), record * CIFAR_PIXELS);
    }
    decoded += count;
  };

  return {
    push(chunk) {
      let from = 0;
      if (carried > 0) {
        from = Math.min(CIFAR_RECORD_BYTES - carried, chunk.length);
        carry.set(chunk.subarray(0, from), carried);
        carried += from;
        if (carried < CIFAR_RECORD_BYTES) return;
        decodeRecords(carry);
        carried = 0;
      }
      const whole = from + Math.floor((chunk.length - from) / CIFAR_RECORD_BYTES) * CIFAR_RECORD_BYTES;
      decodeRecords(chunk.subarray(from, whole));
      carry.set(chunk.subarray(whole), 0);
      carried = chunk.length - whole;
    },
    finish() {
      if (decoded !== n || carried !== 0) {
        const got = decoded * CIFAR_RECORD_BYTES + carried;
        throw DataError.about(file, `truncated: ${got} of ${n * CIFAR_RECORD_BYTES} bytes (${decoded} of ${n} records)`);
      }
      return { images, labels, n };
    },
  };
}

/** batches.meta.txt: one class name per line, in label order; blank lines ignored. */
export function parseClassNames(text: string, file: string): string[] {
  const names = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0);
  if (names.length !== CIFAR_LABELS) {
    throw DataError.about(file, `expected ${CIFAR_LABELS} class names, one per line, found ${names.length}`);
  }
  return names;
}
