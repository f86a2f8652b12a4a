// Where a Sweeplab home is: the folder holding the run store (sweeplab.db). `--home DIR`, else
// $SWEEPLAB_HOME, else the per-user application-data folder of the OS. Where the CIFAR-10 data
// is, is a separate question (src/main/data/source.ts).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageJsonFile } from './app-layout.ts';
import type { PlatformInfo } from './data/source.ts';

export const HOME_ENV_VAR = 'SWEEPLAB_HOME';

const currentPlatform = (): PlatformInfo => ({ platform: process.platform, env: process.env, homedir: os.homedir() });

/**
 * The per-user default: Linux and other Unix `$XDG_DATA_HOME/sweeplab` (~/.local/share/sweeplab
 * when unset or not absolute); macOS `~/Library/Application Support/sweeplab`; Windows
 * `%LOCALAPPDATA%\sweeplab` (the data folder's parent, so both sit side by side).
 */
export function defaultHome(info: PlatformInfo = currentPlatform()): string {
  const { platform, env, homedir } = info;
  switch (platform) {
    case 'win32':
      return path.win32.join(env.LOCALAPPDATA || path.win32.join(homedir, 'AppData', 'Local'), 'sweeplab');
    case 'darwin':
      return path.posix.join(homedir, 'Library', 'Application Support', 'sweeplab');
    default: {
      const xdg = env.XDG_DATA_HOME;
      return path.posix.join(xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.local', 'share'), 'sweeplab');
    }
  }
}

export function resolveHome(flag?: string, info: PlatformInfo = currentPlatform()): string {
  if (flag) return path.resolve(flag);
  const fromEnv = info.env[HOME_ENV_VAR];
  if (fromEnv) return path.resolve(fromEnv);
  return defaultHome(info);
}

/** package.json's version, recorded with every run. */
export function appVersion(): string {
  return (JSON.parse(readFileSync(packageJsonFile(), 'utf8')) as { version: string }).version;
}
