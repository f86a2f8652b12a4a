// Playwright: the UI in a Chromium found on this machine (test/e2e/browser.ts: $CHROMIUM_PATH,
// Playwright's own, a system Chrome/Chromium/Edge; the global setup installs Playwright's when
// there is none) against `sweeplab serve`, which each test file starts on a fresh home with the
// committed CIFAR-10 slice (test/e2e/serve-fixture.ts). The global setup builds the app when needed.
import { defineConfig } from '@playwright/test';
import { browserPath } from './test/e2e/browser.ts';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  globalSetup: './test/e2e/global-setup.ts',
  outputDir: 'test-results/e2e',
  use: {
    viewport: { width: 1400, height: 1000 },
    launchOptions: {
      executablePath: browserPath(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
