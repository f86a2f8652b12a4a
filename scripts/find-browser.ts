// Which Chromium the UI tests drive: $CHROMIUM_PATH, else Playwright's own Chromium (what
// `npx playwright install chromium` puts in its cache), else a Chrome, Chromium or Edge installed
// where Linux, macOS and Windows usually put them, or on PATH. Pure decisions over an injected
// environment (platform, variables, a file-existence check), so every OS is unit-tested on any
// OS; installing Playwright's Chromium when nothing is found is the caller's job.
import path from 'node:path';

export interface BrowserEnvironment {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  exists(file: string): boolean;
  /** Where Playwright's registry puts its Chromium (it may not be installed). */
  playwrightChromium: string;
}

export type BrowserSource = 'CHROMIUM_PATH' | 'playwright' | 'system';

export type BrowserLookup =
  | { kind: 'found'; path: string; source: BrowserSource }
  /** $CHROMIUM_PATH names a file that is not there: a mistake to report, not to paper over. */
  | { kind: 'bad-override'; path: string }
  | { kind: 'none'; tried: string[] };

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'microsoft-edge-stable'];
const LINUX_FOLDERS = ['/usr/bin', '/usr/local/bin', '/snap/bin'];
const LINUX_INSTALLS = ['/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge', '/opt/chromium/chrome'];
const MAC_APPS = [
  'Google Chrome.app/Contents/MacOS/Google Chrome',
  'Chromium.app/Contents/MacOS/Chromium',
  'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
];
const WINDOWS_APPS = ['Google\\Chrome\\Application\\chrome.exe', 'Chromium\\Application\\chrome.exe', 'Microsoft\\Edge\\Application\\msedge.exe'];
const WINDOWS_NAMES = ['chrome.exe', 'msedge.exe', 'chromium.exe'];

/** The usual install places of Chrome, Chromium and Edge on this OS, most likely first, then PATH. */
export function systemBrowserCandidates(platform: NodeJS.Platform, env: BrowserEnvironment['env']): string[] {
  switch (platform) {
    case 'darwin': {
      const roots = ['/Applications', ...(env.HOME ? [path.posix.join(env.HOME, 'Applications')] : [])];
      return roots.flatMap((root) => MAC_APPS.map((app) => path.posix.join(root, app)));
    }
    case 'win32': {
      const roots = [env.ProgramFiles ?? env.PROGRAMFILES, env['ProgramFiles(x86)'] ?? env['PROGRAMFILES(X86)'], env.LocalAppData ?? env.LOCALAPPDATA];
      const installs = roots.filter((root): root is string => Boolean(root)).flatMap((root) => WINDOWS_APPS.map((app) => path.win32.join(root, app)));
      return [...installs, ...onPath(env.Path ?? env.PATH, ';', WINDOWS_NAMES, path.win32)];
    }
    default: {
      const known = [...LINUX_FOLDERS.flatMap((dir) => LINUX_NAMES.map((name) => path.posix.join(dir, name))), ...LINUX_INSTALLS];
      return unique([...known, ...onPath(env.PATH, ':', LINUX_NAMES, path.posix)]);
    }
  }
}

function onPath(pathVar: string | undefined, separator: string, names: string[], paths: path.PlatformPath): string[] {
  const dirs = (pathVar ?? '').split(separator).filter((dir) => dir !== '');
  return names.flatMap((name) => dirs.map((dir) => paths.join(dir, name)));
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

export function findBrowser(environment: BrowserEnvironment): BrowserLookup {
  const override = environment.env.CHROMIUM_PATH;
  if (override) return environment.exists(override) ? { kind: 'found', path: override, source: 'CHROMIUM_PATH' } : { kind: 'bad-override', path: override };
  if (environment.exists(environment.playwrightChromium)) return { kind: 'found', path: environment.playwrightChromium, source: 'playwright' };
  const candidates = systemBrowserCandidates(environment.platform, environment.env);
  const system = candidates.find((file) => environment.exists(file));
  if (system) return { kind: 'found', path: system, source: 'system' };
  return { kind: 'none', tried: [environment.playwrightChromium, ...candidates] };
}

/** The one message the UI suite stops with when it has no browser. */
export function noBrowserMessage(reason: string): string {
  return `UI tests: no Chromium to run them in (${reason}). Either install Chrome, Chromium or Edge, `
    + 'or set CHROMIUM_PATH to a Chromium-based browser; or run `npx playwright install chromium` '
    + 'where the internet is reachable.';
}

export function describeLookup(lookup: Exclude<BrowserLookup, { kind: 'found' }>): string {
  return lookup.kind === 'bad-override'
    ? `CHROMIUM_PATH is ${lookup.path}, which does not exist`
    : 'none in Playwright\'s cache, at the usual places of Chrome, Chromium and Edge, or on PATH';
}
