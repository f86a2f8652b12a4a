// Filling the new-run form, shared by the serve-mode and Electron tests.
import type { Page } from '@playwright/test';

export async function fill(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(testId).locator('input');
  await input.fill(value);
}

/** A small network for the 100-image slice: a2 split, [50] BN, batch 20, 2 cycles of n_s 100 (seconds per run). */
export async function fillSmallRun(page: Page): Promise<void> {
  await fill(page, 'f-name', 'e2e-lambda');
  await fill(page, 'f-hidden', '50');
  await fill(page, 'f-stepsize', '100');
  await fill(page, 'f-cycles', '2');
  await fill(page, 'f-batch', '20');
  await fill(page, 'f-trainlimit', '100');
  await page.getByTestId('f-split').click();
  await page.locator('.n-base-select-option', { hasText: /^a2$/ }).click();
}
