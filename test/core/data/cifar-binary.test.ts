// Decoding CIFAR-10 binary records (src/core/data/cifar-binary.ts) on hand-made bytes:
// layout, streaming in awkward chunkings, and every size and label error naming the file.
import { describe, expect, it } from 'vitest';
import {
  CIFAR_PIXELS, CIFAR_RECORD_BYTES, createCifarDecoder, decodeCifarBatch, parseClassNames,
} from '../../../src/core/data/cifar-binary.ts';
import { DataError } from '../../../src/core/data/data-error.ts';

/** Records with the given labels; pixel p of record i is (i * 7 + p) mod 256. */
function records(labels: number[]): Uint8Array {
  const bytes = new Uint8Array(labels.length * CIFAR_RECORD_BYTES);
  labels.forEach((label, i) => {
    bytes[i * CIFAR_RECORD_BYTES] = label;
    for (let p = 0; p < CIFAR_PIXELS; p++) bytes[i * CIFAR_RECORD_BYTES + 1 + p] = (i * 7 + p) % 256;
  });
  return bytes;
}

function thrown(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }
  throw new Error('expected a DataError, nothing was thrown');
}

describe('decodeCifarBatch', () => {
  it('splits records into labels and (n, 3072) pixel rows in file order', () => {
    const batch = decodeCifarBatch(records([3, 0, 9]), 'x.bin');
    expect(batch.n).toBe(3);
    expect(Array.from(batch.labels)).toEqual([3, 0, 9]);
    expect(batch.images.length).toBe(3 * CIFAR_PIXELS);
    // first R pixel, last R pixel, first G pixel, last B pixel of record 2
    const row = 2 * CIFAR_PIXELS;
    expect([batch.images[row], batch.images[row + 1023], batch.images[row + 1024], batch.images[row + 3071]])
      .toEqual([14, (14 + 1023) % 256, (14 + 1024) % 256, (14 + 3071) % 256]);
  });

  it('gives the same result however the bytes are chunked', () => {
    const bytes = records([1, 2, 3, 4, 5]);
    const whole = decodeCifarBatch(bytes, 'x.bin');
    for (const size of [7, 1000, CIFAR_RECORD_BYTES - 1, CIFAR_RECORD_BYTES, CIFAR_RECORD_BYTES + 1, 2 * CIFAR_RECORD_BYTES + 5]) {
      const decoder = createCifarDecoder(5, 'x.bin');
      for (let at = 0; at < bytes.length; at += size) decoder.push(bytes.subarray(at, at + size));
      const streamed = decoder.finish();
      expect(Array.from(streamed.labels)).toEqual([1, 2, 3, 4, 5]);
      // Buffer.equals: toEqual walks a 15,000-byte typed array element by element, slowly.
      expect(Buffer.from(streamed.images).equals(whole.images), `chunks of ${size}`).toBe(true);
    }
  });

  it('rejects a size that is not a multiple of 3073, naming the file and the size', () => {
    const err = thrown(() => decodeCifarBatch(records([1, 2]).subarray(0, 2 * CIFAR_RECORD_BYTES - 1), '/d/data_batch_3.bin'));
    expect(err.code).toBe('bad_data');
    expect(err.message).toMatch(/^\/d\/data_batch_3\.bin: wrong size: 6145 bytes is not a multiple of 3073/);
    expect(err.details.file).toBe('/d/data_batch_3.bin');
  });

  it('rejects an empty file', () => {
    expect(thrown(() => decodeCifarBatch(new Uint8Array(0), 'e.bin')).message).toMatch(/^e\.bin: file is empty/);
  });

  it('rejects a label outside 0..9, naming the record and its offset', () => {
    const err = thrown(() => decodeCifarBatch(records([1, 2, 10]), 'b.bin'));
    expect(err.message).toMatch(/^b\.bin: label out of range: record 2 \(byte offset 6146\) has label 10, expected 0\.\.9/);
  });

  it('reports a stream that ends early as truncated, and one that runs long as too long', () => {
    const short = createCifarDecoder(2, 's.bin');
    short.push(records([1, 2]).subarray(0, CIFAR_RECORD_BYTES + 10));
    expect(thrown(() => short.finish()).message).toBe('s.bin: truncated: 3083 of 6146 bytes (1 of 2 records)');
    const long = createCifarDecoder(1, 'l.bin');
    expect(thrown(() => long.push(records([1, 2]))).message).toMatch(/^l\.bin: holds more than the 1 records/);
  });
});

describe('parseClassNames', () => {
  it('reads one name per line, ignoring blank lines and CRLF', () => {
    const names = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
    expect(parseClassNames(`${names.join('\r\n')}\r\n\r\n`, 'm.txt')).toEqual(names);
  });

  it('rejects a list that is not ten names', () => {
    expect(thrown(() => parseClassNames('a\nb\n', 'meta.txt')).message).toBe('meta.txt: expected 10 class names, one per line, found 2');
  });
});
