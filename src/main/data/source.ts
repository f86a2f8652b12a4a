// Where the CIFAR-10 data lives: `--data`, else $SWEEPLAB_DATA, else the per-user default,
// and whether that path is the extracted folder, its parent, or the .tar.gz archive.
// Wrong folders (the python or MATLAB version, unrelated folders) are recognised here and
// explained. Reading the files is read-folder.ts / read-archive.ts.
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CIFAR_BATCH_FILES } from '../../core/data/cifar-binary.ts';
import { DataError } from '../../core/data/data-error.ts';

export const CIFAR_FOLDER_NAME = 'cifar-10-batches-bin';
export const CIFAR_ARCHIVE_NAME = 'cifar-10-binary.tar.gz';
export const DATA_ENV_VAR = 'SWEEPLAB_DATA';

export type DataOrigin = 'flag' | 'env' | 'default';
export interface DataPath { path: string; origin: DataOrigin }
export type DataSource =
  | { kind: 'folder'; path: string; origin: DataOrigin }
  | { kind: 'archive'; path: string; origin: DataOrigin };

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

const currentPlatform = (): PlatformInfo => ({ platform: process.platform, env: process.env, homedir: os.homedir() });

/**
 * The per-user default folder: Linux and other Unix `$XDG_DATA_HOME/sweeplab/cifar-10-batches-bin`
 * (XDG_DATA_HOME defaults to ~/.local/share and is ignored unless absolute, as the XDG spec
 * says); macOS `~/Library/Application Support/sweeplab/…`; Windows `%LOCALAPPDATA%\sweeplab\…`.
 */
export function defaultDataDir(info: PlatformInfo = currentPlatform()): string {
  const { platform, env, homedir } = info;
  switch (platform) {
    case 'win32': {
      const base = env.LOCALAPPDATA || path.win32.join(homedir, 'AppData', 'Local');
      return path.win32.join(base, 'sweeplab', CIFAR_FOLDER_NAME);
    }
    case 'darwin':
      return path.posix.join(homedir, 'Library', 'Application Support', 'sweeplab', CIFAR_FOLDER_NAME);
    default: {
      const xdg = env.XDG_DATA_HOME;
      const base = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.local', 'share');
      return path.posix.join(base, 'sweeplab', CIFAR_FOLDER_NAME);
    }
  }
}

/** The resolution order: the flag, else the environment variable, else the per-user default. */
export function dataPathFrom(flag: string | undefined, info: PlatformInfo = currentPlatform()): DataPath {
  if (flag) return { path: path.resolve(flag), origin: 'flag' };
  const fromEnv = info.env[DATA_ENV_VAR];
  if (fromEnv) return { path: path.resolve(fromEnv), origin: 'env' };
  return { path: defaultDataDir(info), origin: 'default' };
}

export function describeOrigin(origin: DataOrigin): string {
  switch (origin) {
    case 'flag': return 'from --data';
    case 'env': return `from $${DATA_ENV_VAR}`;
    case 'default': return 'the per-user default';
  }
}

/** Resolves `--data` (or the env var, or the default) to a folder or archive that looks like CIFAR-10 binary. */
export async function resolveDataSource(flag?: string, info?: PlatformInfo): Promise<DataSource> {
  return locateCifar(dataPathFrom(flag, info));
}

export async function locateCifar({ path: where, origin }: DataPath): Promise<DataSource> {
  const kind = await statKind(where);
  if (kind === 'missing') {
    throw DataError.about(where,
      `no such file or folder (${describeOrigin(origin)}); pass --data DIR, set $${DATA_ENV_VAR}, ` +
      'or run `sweeplab data fetch` to download CIFAR-10 there');
  }
  if (kind === 'file') {
    if (/\.(tar\.gz|tgz)$/i.test(where)) return { kind: 'archive', path: where, origin };
    throw DataError.about(where,
      `is a file but not a .tar.gz archive; --data takes the ${CIFAR_FOLDER_NAME}/ folder, its parent, or ${CIFAR_ARCHIVE_NAME}`);
  }
  const names = new Set(await readdir(where));
  if (CIFAR_BATCH_FILES.some((f) => names.has(f))) return { kind: 'folder', path: where, origin };
  if (names.has(CIFAR_FOLDER_NAME)) return locateCifar({ path: path.join(where, CIFAR_FOLDER_NAME), origin });
  if (names.has(CIFAR_ARCHIVE_NAME)) return { kind: 'archive', path: path.join(where, CIFAR_ARCHIVE_NAME), origin };
  throw DataError.about(where, explainWrongFolder(names));
}

const BINARY_HINT =
  `Sweeplab reads the binary version (${CIFAR_ARCHIVE_NAME}, folder ${CIFAR_FOLDER_NAME}/ with data_batch_1.bin … test_batch.bin); ` +
  'run `sweeplab data fetch` to download it';

/** Says what the folder looks like instead of CIFAR-10 binary, so the user knows what to fix. */
export function explainWrongFolder(names: ReadonlySet<string>): string {
  if (names.has('data_batch_1') || names.has('test_batch') || names.has('batches.meta')) {
    return `this is the python version of CIFAR-10 (pickled data_batch_1, no .bin files). ${BINARY_HINT}`;
  }
  if (names.has('cifar-10-batches-py')) return `holds cifar-10-batches-py/, the python version of CIFAR-10. ${BINARY_HINT}`;
  if (names.has('data_batch_1.mat') || names.has('cifar-10-batches-mat')) {
    return `this is the MATLAB version of CIFAR-10. ${BINARY_HINT}`;
  }
  if (names.has('train.bin') || names.has('cifar-100-binary')) return `this looks like CIFAR-100, not CIFAR-10. ${BINARY_HINT}`;
  return `not a CIFAR-10 folder: no data_batch_1.bin, no ${CIFAR_FOLDER_NAME}/, no ${CIFAR_ARCHIVE_NAME}. ${BINARY_HINT}`;
}

async function statKind(where: string): Promise<'missing' | 'file' | 'folder'> {
  try {
    const s = await stat(where);
    return s.isDirectory() ? 'folder' : 'file';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw DataError.about(where, `cannot be read: ${(err as Error).message}`);
  }
}
