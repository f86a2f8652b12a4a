// Where a page's main thread spends its time over a stretch of the UI bench: a sampling CPU
// profile through the Chrome DevTools Protocol, summed into self time per function and named
// through the build's source map when the renderer was built with one (`--sourcemap`). A
// summary for finding the hot spot, not a profiler UI: the raw .cpuprofile is saved for that.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  where: string;
  selfMs: number;
}

/** Starts sampling `page`; the returned function stops, saves the profile to `file` and sums it. */
export async function startProfile(page: Page, rendererDir: string, file: string): Promise<() => Promise<HotSpot[]>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    writeFileSync(file, JSON.stringify(profile));
    return hotSpots(profile, rendererDir);
  };
}

function hotSpots(profile: CpuProfile, rendererDir: string): HotSpot[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + profile.timeDeltas[i] / 1000));
  const maps = new Map<string, SourceMapConsumer | null>();
  const mapOf = (url: string): SourceMapConsumer | null => {
    if (!maps.has(url)) {
      const file = path.join(rendererDir, new URL(url).pathname) + '.map';
      maps.set(url, existsSync(file) ? new SourceMapConsumer(JSON.parse(readFileSync(file, 'utf8'))) : null);
    }
    return maps.get(url)!;
  };
  const total = new Map<string, HotSpot>();
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    let name = functionName || '(anonymous)';
    let where = url ? `${path.basename(new URL(url).pathname)}:${lineNumber + 1}:${columnNumber + 1}` : '';
    const map = url.startsWith('http') ? mapOf(url) : null;
    if (map) {
      const original = map.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
      if (original.source) {
        where = `${original.source.replace(/^.*node_modules\//, '')}:${original.line}`;
        name = original.name ?? name;
      }
    }
    const key = `${name} ${where}`;
    const spot = total.get(key) ?? { name, where, selfMs: 0 };
    spot.selfMs += ms;
    total.set(key, spot);
  }
  return [...total.values()].sort((a, b) => b.selfMs - a.selfMs);
}
