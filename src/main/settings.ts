// The settings a Sweeplab home keeps between sessions, in <home>/settings.json: where the data
// is and how many workers run. A file that is unreadable or fails the contract's updateSettings
// schema counts as no settings. Which value wins in a session is the lab service's business.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LAB_REQUESTS } from '../shared/lab-api.ts';

export interface Settings {
  dataPath?: string;
  workers?: number;
}

export function settingsFile(home: string): string {
  return path.join(home, 'settings.json');
}

export function readSettings(file: string): Settings {
  if (!existsSync(file)) return {};
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Settings;
    return LAB_REQUESTS.updateSettings.safeParse(value).success ? value : {};
  } catch {
    return {};
  }
}

export function writeSettings(file: string, settings: Settings): void {
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}
