// The app's page for the UI benches: the built renderer's files served to a browser context of
// its own (its own renderer process) through Playwright's request routing, so any build can be
// measured against one server (or none: bench/ui-replay.ts answers the lab itself), and the
// page's long tasks (> 50 ms) collected from its start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };
// Page-side code as strings: the benches are type-checked for Node, without the DOM.
export const OBSERVE_LONG_TASKS = `window.longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

/** A page in its own browser context whose app files come from the build in `dir`. */
export async function openPage(browser: Browser, dir: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.route((u) => u.pathname === '/' || u.pathname.startsWith('/assets/'), (route) => {
    const { pathname } = new URL(route.request().url());
    const file = path.join(dir, pathname === '/' ? 'index.html' : pathname);
    return route.fulfill({ body: readFileSync(file), contentType: TYPES[path.extname(file)] ?? 'application/octet-stream' });
  });
  const page = await context.newPage();
  await page.addInitScript({ content: OBSERVE_LONG_TASKS });
  return page;
}

/** The page's long tasks since it opened (or since `window.longTasks.length = 0`). */
export async function longTasks(page: Page): Promise<{ count: number; max: number; total: number }> {
  const long = (await page.evaluate('window.longTasks')) as number[];
  return { count: long.length, max: long.length ? Math.max(...long) : 0, total: long.reduce((a, b) => a + b, 0) };
}
