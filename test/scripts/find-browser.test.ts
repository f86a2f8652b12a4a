// The UI suite's browser lookup on each OS, with fake file systems and environments.
import { describe, expect, it } from 'vitest';
import { describeLookup, findBrowser, noBrowserMessage, systemBrowserCandidates } from '../../scripts/find-browser.ts';
import type { BrowserEnvironment } from '../../scripts/find-browser.ts';

const PLAYWRIGHT = '/cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

function environment(platform: NodeJS.Platform, files: string[], env: Record<string, string> = {}): BrowserEnvironment {
  const present = new Set(files);
  return { platform, env, exists: (file) => present.has(file), playwrightChromium: PLAYWRIGHT };
}

describe('findBrowser', () => {
  it('takes $CHROMIUM_PATH first, even when others exist', () => {
    const found = findBrowser(environment('linux', ['/my/chrome', PLAYWRIGHT, '/usr/bin/chromium'], { CHROMIUM_PATH: '/my/chrome' }));
    expect(found).toEqual({ kind: 'found', path: '/my/chrome', source: 'CHROMIUM_PATH' });
  });

  it('reports a $CHROMIUM_PATH that does not exist instead of falling back', () => {
    const found = findBrowser(environment('linux', ['/usr/bin/chromium'], { CHROMIUM_PATH: '/nope/chrome' }));
    expect(found).toEqual({ kind: 'bad-override', path: '/nope/chrome' });
    expect(describeLookup(found as { kind: 'bad-override'; path: string })).toBe('CHROMIUM_PATH is /nope/chrome, which does not exist');
  });

  it("prefers Playwright's own Chromium to a system browser", () => {
    expect(findBrowser(environment('linux', [PLAYWRIGHT, '/usr/bin/chromium']))).toEqual({ kind: 'found', path: PLAYWRIGHT, source: 'playwright' });
  });

  it.each([
    ['/usr/bin/chromium'],
    ['/usr/bin/chromium-browser'],
    ['/usr/bin/google-chrome-stable'],
    ['/usr/bin/microsoft-edge'],
    ['/snap/bin/chromium'],
    ['/opt/google/chrome/chrome'],
  ])('finds %s on Linux', (file) => {
    expect(findBrowser(environment('linux', [file], { PATH: '/usr/local/bin:/usr/bin' }))).toEqual({ kind: 'found', path: file, source: 'system' });
  });

  it('looks a Linux browser up on PATH', () => {
    const found = findBrowser(environment('linux', ['/home/me/bin/google-chrome'], { PATH: '/usr/bin:/home/me/bin' }));
    expect(found).toEqual({ kind: 'found', path: '/home/me/bin/google-chrome', source: 'system' });
  });

  it('finds Chrome, Chromium and Edge in /Applications and ~/Applications on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser(environment('darwin', [chrome]))).toMatchObject({ path: chrome });
    const edge = '/Users/me/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
    expect(findBrowser(environment('darwin', [edge], { HOME: '/Users/me' }))).toMatchObject({ path: edge });
    const chromium = '/Applications/Chromium.app/Contents/MacOS/Chromium';
    expect(findBrowser(environment('darwin', [chromium, edge], { HOME: '/Users/me' }))).toMatchObject({ path: chromium });
    // A Linux path means nothing on a Mac.
    expect(findBrowser(environment('darwin', ['/usr/bin/chromium'])).kind).toBe('none');
  });

  it('finds Chrome and Edge under Program Files and LocalAppData on Windows', () => {
    const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)', LOCALAPPDATA: 'C:\\Users\\me\\AppData\\Local' };
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    expect(findBrowser(environment('win32', [edge], env))).toEqual({ kind: 'found', path: edge, source: 'system' });
    const userChrome = 'C:\\Users\\me\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe';
    expect(findBrowser(environment('win32', [userChrome, edge], env))).toMatchObject({ path: edge });
    expect(findBrowser(environment('win32', [userChrome], env))).toMatchObject({ path: userChrome });
    const onPath = 'D:\\tools\\chrome.exe';
    expect(findBrowser(environment('win32', [onPath], { ...env, Path: 'C:\\Windows;D:\\tools' }))).toMatchObject({ path: onPath });
  });

  it('says what it tried when there is nothing', () => {
    const found = findBrowser(environment('linux', [], { PATH: '/usr/bin:/opt/bin' }));
    expect(found.kind).toBe('none');
    if (found.kind !== 'none') return;
    expect(found.tried[0]).toBe(PLAYWRIGHT);
    expect(found.tried).toContain('/usr/bin/chromium');
    expect(found.tried).toContain('/opt/bin/microsoft-edge');
    expect(new Set(found.tried).size).toBe(found.tried.length);
  });
});

describe('systemBrowserCandidates', () => {
  it('skips Windows folders whose variables are unset', () => {
    const candidates = systemBrowserCandidates('win32', { LOCALAPPDATA: 'C:\\L' });
    expect(candidates.every((file) => file.startsWith('C:\\L\\'))).toBe(true);
    expect(candidates).toContain('C:\\L\\Google\\Chrome\\Application\\chrome.exe');
  });
});

describe('noBrowserMessage', () => {
  it('names both remedies', () => {
    const message = noBrowserMessage('none found');
    expect(message).toContain('(none found)');
    expect(message).toContain('CHROMIUM_PATH');
    expect(message).toContain('install Chrome, Chromium or Edge');
    expect(message).toContain('npx playwright install chromium');
  });
});
