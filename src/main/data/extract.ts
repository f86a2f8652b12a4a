// Extracts cifar-10-batches-bin/ from a downloaded archive for `data fetch`. Only regular
// files directly inside that folder, with plain names, are written (no links, no nested or
// '..' paths), and a failure returns only after every file being written is closed, so the
// caller can remove the work folder without racing in-flight writes.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { walkArchive } from './read-archive.ts';
import { CIFAR_FOLDER_NAME } from './source.ts';

const PLAIN_NAME = /^[\w][\w.-]*$/;

/**
 * Writes the archive's cifar-10-batches-bin/* files into `<into>/cifar-10-batches-bin/` and
 * returns their names; `label` names the archive in errors (e.g. the URL it came from).
 */
export async function extractCifarFolder(archive: string, into: string, label = archive, maxExpandedBytes?: number): Promise<string[]> {
  const folder = path.join(into, CIFAR_FOLDER_NAME);
  await mkdir(folder, { recursive: true });
  const writing = new Set<WriteStream>();
  const names: string[] = [];
  try {
    await walkArchive(archive, async (entry) => {
      const parts = entry.path.split('/').filter((part) => part !== '' && part !== '.');
      if (parts.length !== 2 || parts[0] !== CIFAR_FOLDER_NAME || !PLAIN_NAME.test(parts[1])) {
        entry.resume();
        return;
      }
      // 'wx': an archive that holds the same name twice fails instead of overwriting.
      const out = createWriteStream(path.join(folder, parts[1]), { flags: 'wx' });
      writing.add(out);
      names.push(parts[1]);
      entry.pipe(out);
      try {
        await finished(out);
      } finally {
        writing.delete(out);
      }
    }, label, maxExpandedBytes);
  } catch (err) {
    for (const out of writing) out.destroy();
    await Promise.allSettled([...writing].map((out) => finished(out)));
    throw err;
  }
  return names;
}
