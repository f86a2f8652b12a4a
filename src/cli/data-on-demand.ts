// The data of a `train` or `sweep`: the usual resolution (--data, $SWEEPLAB_DATA, the per-user
// folder) and, when nothing is there, CIFAR-10 downloaded and verified into that place first, as
// torchvision's `download=True` does: into the per-user folder when it is missing or empty, into
// a folder named by --data or $SWEEPLAB_DATA only when it exists and is empty (a path that does
// not exist is more likely a typo than a wish for 170 MB there). A place that holds something
// else is never fetched into; `--no-fetch` refuses instead of downloading.
import { readdir } from 'node:fs/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import { DataError } from '../core/data/data-error.ts';
import { readSha256Sums } from '../main/data/checksums.ts';
import { cifarUrl, fetchTargetFor } from '../main/data/fetch.ts';
import { dataPathFrom, describeOrigin, locateCifar } from '../main/data/source.ts';
import type { DataSource } from '../main/data/source.ts';
import { fetchWithProgress } from './fetch-progress.ts';

export interface FetchOption {
  /** commander's `--no-fetch`: false when given. */
  fetch?: boolean;
}

export function addFetchOption(command: Command): Command {
  return command.addOption(new Option('--no-fetch', 'with no dataset found, stop instead of downloading CIFAR-10 (about 170 MB) into the data folder'));
}

export async function dataOrFetch(flag: string | undefined, fetch: boolean, say: (line: string) => void): Promise<DataSource> {
  const where = dataPathFrom(flag);
  // A missing archive path is a typo to report, not a place to download into.
  if (/\.(tar\.gz|tgz)$/i.test(where.path) || !(await isEmptyPlace(where.path, where.origin === 'default'))) return locateCifar(where);
  const origin = describeOrigin(where.origin);
  if (!fetch) {
    throw DataError.about(where.path, `no CIFAR-10 here (${origin}); run \`sweeplab data fetch\` to download it, or pass --data DIR`);
  }
  const target = fetchTargetFor(where.path);
  const url = cifarUrl();
  say(`No CIFAR-10 at ${where.path} (${origin}); downloading it into ${target} and verifying its SHA-256 sums (--no-fetch to stop instead)`);
  await fetchWithProgress(target, url, await readSha256Sums(), say);
  say(`CIFAR-10 verified and in place: ${target}`);
  return locateCifar(where);
}

/** An empty folder, or (`missingIsEmpty`) nothing there: the only places a download may fill. */
async function isEmptyPlace(where: string, missingIsEmpty: boolean): Promise<boolean> {
  try {
    return (await readdir(where)).length === 0;
  } catch (err) {
    return missingIsEmpty && (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
