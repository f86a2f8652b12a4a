// The browser of the UI tests on this machine (scripts/find-browser.ts decides; this file binds
// it to the real environment) and, when there is none, Playwright's Chromium installed on the
// spot. Used by playwright.config.ts, the global setup and the packaged-layout test.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from '@playwright/test';
import { describeLookup, findBrowser, noBrowserMessage } from '../../scripts/find-browser.ts';
import type { BrowserEnvironment, BrowserLookup } from '../../scripts/find-browser.ts';

export function currentBrowserEnvironment(): BrowserEnvironment {
  return { platform: process.platform, env: process.env, exists: existsSync, playwrightChromium: chromium.executablePath() };
}

/** The browser to launch: the one found, else where Playwright's Chromium goes once installed. */
export function browserPath(lookup: BrowserLookup = findBrowser(currentBrowserEnvironment())): string {
  return lookup.kind === 'found' ? lookup.path : chromium.executablePath();
}

export class NoBrowserError extends Error {}

/**
 * Finds a browser or installs Playwright's Chromium; throws NoBrowserError with the one message
 * naming both remedies when that fails too (offline, a proxy, no disk).
 */
export function ensureBrowser(log: (line: string) => void = console.log): string {
  const lookup = findBrowser(currentBrowserEnvironment());
  if (lookup.kind === 'found') return lookup.path;
  if (lookup.kind === 'bad-override') throw new NoBrowserError(noBrowserMessage(describeLookup(lookup)));
  log('UI tests: no Chrome, Chromium or Edge found; installing Playwright\'s Chromium (`npx playwright install chromium`, about 170 MB)…');
  const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
  try {
    // Its output is a progress bar or, offline, a long stack; the reason is its first error line.
    execFileSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'pipe', encoding: 'utf8' });
  } catch (err) {
    // The root cause (a DNS or TLS error) is on stderr; stdout has the summary.
    const output = `${(err as { stderr?: string }).stderr ?? ''}\n${(err as { stdout?: string }).stdout ?? ''}`;
    const errors = [...output.matchAll(/^Error: (.+)$/gm)].map((match) => match[1]).filter((line) => !line.endsWith('caused by'));
    const reason = errors[0] ?? (err as Error).message;
    throw new NoBrowserError(noBrowserMessage(`${describeLookup(lookup)}; installing Playwright's Chromium failed: ${reason}`));
  }
  const installed = chromium.executablePath();
  if (!existsSync(installed)) throw new NoBrowserError(noBrowserMessage(`Playwright's install finished but ${installed} is missing`));
  return installed;
}
