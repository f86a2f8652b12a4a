// What is committed under docs/ names no folder of the machine that made it: paths are relative
// to the repository or written `<home>` / `<data>`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DOCS = fileURLToPath(new URL('../../docs', import.meta.url));

/** An absolute path of a Unix home, work or temporary folder, or a Windows drive. */
export const MACHINE_PATH = /(?<![\w.~/-])(?:\/(?:root|work|tmp|home|Users)\/|[A-Za-z]:\\)/;

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => !readFileSync(file).subarray(0, 8000).includes(0)); // binary files (screenshots) hold no text paths
}

describe('committed docs', () => {
  it('the pattern finds the paths it is meant to find, and only those', () => {
    for (const p of ['/root/x', ' /work/shared/cifar', '--home /tmp/h', '"/home/u/a"', 'C:\\Users\\me', '(/Users/me/x)']) expect(p).toMatch(MACHINE_PATH);
    for (const p of ['<home>/x', '../shared/cifar-10-batches-bin', 'https://example.com/home/x', 'docs/replication', '~/sweeplab-replication']) expect(p).not.toMatch(MACHINE_PATH);
  });

  it('name no absolute folder of the machine that wrote them', () => {
    const files = textFiles(DOCS);
    expect(files.length).toBeGreaterThan(0);
    const found = files.flatMap((file) => readFileSync(file, 'utf8').split('\n')
      .map((line, i) => ({ at: `${path.relative(DOCS, file)}:${i + 1}`, match: MACHINE_PATH.exec(line) }))
      .filter((hit) => hit.match)
      .map((hit) => `${hit.at}: ${hit.match!.input.slice(Math.max(0, hit.match!.index - 20), hit.match!.index + 40)}`));
    expect(found).toEqual([]);
  });
});
