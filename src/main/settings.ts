// The settings a Sweeplab home keeps between sessions, in <home>/settings.json: where the data
// is, how many workers run, the Redis of remote workers, and the CIFAR-10 mirrors the app may
// download from (`dataMirrors`, https only), which only the user writes here: updateSettings
// has no such field. A file that is unreadable or fails the schema counts as no settings; it is
// written whole or not at all. Which value wins in a session is the lab service's business.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LAB_REQUESTS } from '../shared/lab-api.ts';
import { writeFileAtomic } from './atomic-write.ts';

const settingsSchema = LAB_REQUESTS.updateSettings.extend({
  dataMirrors: z.array(z.url({ protocol: /^https$/ })).max(100).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export function settingsFile(home: string): string {
  return path.join(home, 'settings.json');
}

export function readSettings(file: string): Settings {
  if (!existsSync(file)) return {};
  try {
    const parsed = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Atomically: a crash mid-write leaves the old settings, never half a file. */
export function writeSettings(file: string, settings: Settings): void {
  writeFileAtomic(file, `${JSON.stringify(settings, null, 2)}\n`);
}
