// Where the run store lives: --home, else $SWEEPLAB_HOME, else the per-user app-data folder.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHome, resolveHome } from '../../src/main/home.ts';

const linux = (env: Record<string, string | undefined> = {}) => ({ platform: 'linux' as const, env, homedir: '/home/ada' });

describe('the Sweeplab home', () => {
  it('is the flag, else $SWEEPLAB_HOME, else the per-user default', () => {
    expect(resolveHome('rel/home', linux({ SWEEPLAB_HOME: '/env/home' }))).toBe(path.resolve('rel/home'));
    expect(resolveHome(undefined, linux({ SWEEPLAB_HOME: '/env/home' }))).toBe('/env/home');
    expect(resolveHome(undefined, linux())).toBe('/home/ada/.local/share/sweeplab');
  });

  it('follows each OS convention for the default', () => {
    expect(defaultHome(linux({ XDG_DATA_HOME: '/xdg' }))).toBe('/xdg/sweeplab');
    expect(defaultHome(linux({ XDG_DATA_HOME: 'relative' }))).toBe('/home/ada/.local/share/sweeplab');
    expect(defaultHome({ platform: 'darwin', env: {}, homedir: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/sweeplab');
    expect(defaultHome({ platform: 'win32', env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, homedir: 'C:\\Users\\ada' }))
      .toBe('C:\\Users\\ada\\AppData\\Local\\sweeplab');
  });
});
