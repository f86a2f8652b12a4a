import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSettings, settingsFile, writeSettings } from '../../src/main/settings.ts';

describe('home settings', () => {
  let home: string;
  beforeEach(() => { home = mkdtempSync(path.join(tmpdir(), 'sweeplab-settings-')); });
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('reads back what it wrote, and nothing from a home without a file', () => {
    const file = settingsFile(home);
    expect(readSettings(file)).toEqual({});
    writeSettings(file, { dataPath: '/data/cifar', workers: 3 });
    expect(readSettings(file)).toEqual({ dataPath: '/data/cifar', workers: 3 });
  });

  it('counts a file that is not JSON, or not valid settings, as no settings', () => {
    const file = settingsFile(home);
    writeFileSync(file, '{ not json');
    expect(readSettings(file)).toEqual({});
    writeFileSync(file, JSON.stringify({ workers: 'many' }));
    expect(readSettings(file)).toEqual({});
  });
});
