// `sweeplab data fetch`: download the official archive, extract it into a temporary folder
// beside the target, verify every file against the SHA-256 sums, and only then rename it into
// place — so an interrupted or corrupt fetch never leaves a folder that looks valid. Where it
// may fetch from and into, when the app asks, is fetch-policy.ts.
import { mkdir, mkdtemp, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { DataError } from '../../core/data/data-error.ts';
import { assertAllMatch, readSha256Sums, verifyFolder, type FileCheck, type Sha256Sums } from './checksums.ts';
import { downloadToFile, type ProgressCallback } from './download.ts';
import { extractCifarFolder } from './extract.ts';
import { CIFAR_ARCHIVE_NAME, CIFAR_FOLDER_NAME } from './source.ts';

export const CIFAR_URL = 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz';
/** A mirror for every download (`data fetch`, a `train` that finds no data, the app). */
export const CIFAR_URL_ENV_VAR = 'SWEEPLAB_CIFAR_URL';

export function cifarUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env[CIFAR_URL_ENV_VAR] || CIFAR_URL;
}

export interface FetchOptions {
  /** The cifar-10-batches-bin folder to create (see fetchTargetFor). */
  target: string;
  url?: string;
  /** Expected sums; default resources/cifar-10-sha256sums.txt. */
  sums?: Sha256Sums;
  onProgress?: ProgressCallback;
  /** Called once the download is complete, before extraction and verification. */
  onDownloaded?: (bytes: number) => void;
  signal?: AbortSignal;
  /** Plain http for this URL: only for one the user typed (`data fetch --url`, `serve --data-mirror`). */
  allowHttp?: boolean;
  /** Caps on the download and on what it expands to (defaults in download.ts and read-archive.ts). */
  maxBytes?: number;
  maxExpandedBytes?: number;
}

export interface FetchResult {
  folder: string;
  /** 'present': the folder already matched the sums and nothing was downloaded. */
  outcome: 'downloaded' | 'present';
  checks: FileCheck[];
}

/**
 * `--data` for fetch names the extracted folder or the folder to put it in: a path whose last
 * part is cifar-10-batches-bin is the target itself, anything else gets cifar-10-batches-bin/ inside.
 */
export function fetchTargetFor(dataPath: string): string {
  if (/\.(tar\.gz|tgz)$/i.test(dataPath)) {
    throw DataError.about(dataPath, 'data fetch needs a folder to extract into, not an archive path');
  }
  return path.basename(dataPath) === CIFAR_FOLDER_NAME ? dataPath : path.join(dataPath, CIFAR_FOLDER_NAME);
}

export async function fetchCifar(options: FetchOptions): Promise<FetchResult> {
  const { target, url = cifarUrl(), onProgress, signal } = options;
  const sums = options.sums ?? await readSha256Sums();

  const existing = await existingState(target);
  if (existing === 'non-empty') {
    const checks = await verifyFolder(target, sums);
    assertAllMatch(checks, target, '; it exists already, so fetch will not overwrite it — move it away and fetch again');
    return { folder: target, outcome: 'present', checks };
  }

  const parent = path.dirname(target);
  // The folders made for the target go again when the fetch fails: nothing is left behind.
  const created = await mkdir(parent, { recursive: true });
  const work = await mkdtemp(path.join(parent, '.sweeplab-fetch-'));
  let installed = false;
  try {
    const archive = path.join(work, CIFAR_ARCHIVE_NAME);
    const bytes = await downloadToFile(url, archive, { onProgress, signal, allowHttp: options.allowHttp, maxBytes: options.maxBytes });
    options.onDownloaded?.(bytes);
    const extracted = path.join(work, CIFAR_FOLDER_NAME);
    try {
      await extractCifarFolder(archive, work, url, options.maxExpandedBytes);
    } catch (err) {
      throw err instanceof DataError ? new DataError(`${err.message}; nothing was installed`, err.details) : err;
    }
    if ((await existingState(extracted)) !== 'non-empty') {
      throw DataError.about(url, `the archive has no ${CIFAR_FOLDER_NAME}/ folder; is it the CIFAR-10 binary version?`);
    }
    const checks = await verifyFolder(extracted, sums);
    assertAllMatch(checks, url, '; nothing was installed');
    if (existing === 'empty') await rmdir(target);
    await rename(extracted, target);
    installed = true;
    return { folder: target, outcome: 'downloaded', checks };
  } finally {
    await rm(work, { recursive: true, force: true });
    if (!installed && created) await rm(created, { recursive: true, force: true });
  }
}

async function existingState(folder: string): Promise<'absent' | 'empty' | 'non-empty'> {
  try {
    if (!(await stat(folder)).isDirectory()) throw DataError.about(folder, 'exists and is not a folder');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
  return (await readdir(folder)).length === 0 ? 'empty' : 'non-empty';
}
