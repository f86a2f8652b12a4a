// Playwright: the UI in Debian's Chromium (no browser download) against `sweeplab serve`,
// which each test file starts on a fresh home with the committed CIFAR-10 slice
// (test/e2e/serve-fixture.ts). Needs `npm run build` first (the served renderer is the build).
import { defineConfig } from '@playwright/test';

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
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
