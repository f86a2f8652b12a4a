// The installers' configuration (electron-builder.yml), tested without building installers:
// Electron's binary cannot be downloaded on the CI machines. The configuration passes
// electron-builder's own schema validation; its file patterns take every file of the npm
// package that packaged.test.ts runs (the CLI, workers, renderer, resources); the icons and
// install scripts it names exist. Where an Electron binary is installed, `npm run dist -- --dir`
// builds an unpacked app and its `sweeplab` command is started.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, REPO } from '../helpers/ensure-build.ts';

// electron-builder's internals, loaded from its own dependency tree: the validation and the glob
// matcher it applies to `files` itself.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = builderRequire('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, logger: unknown): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
const { minimatch } = createRequire(builderRequire.resolve('app-builder-lib'))('minimatch') as { minimatch: (file: string, pattern: string, options: object) => boolean };

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; filter: string[] }[];
  linux: { icon: string; target: string[] };
  mac: { icon: string };
  win: { icon: string };
  deb: { afterInstall: string; afterRemove: string };
}
const config = parse(readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** electron-builder's reading of `files`: later patterns win, `!` excludes. */
function taken(file: string): boolean {
  let take = false;
  for (const pattern of config.files) {
    const exclude = pattern.startsWith('!');
    if (minimatch(file, exclude ? pattern.slice(1) : pattern, { dot: true })) take = !exclude;
  }
  return take;
}

describe('electron-builder.yml', () => {
  beforeAll(() => ensureBuilt(), 600_000); // the npm package's file list is the build's
  it("passes electron-builder's validation, which refuses a wrong one", async () => {
    const loaded = await getConfig(REPO, path.join(REPO, 'electron-builder.yml'), null);
    expect(loaded.productName).toBe('Sweeplab');
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...loaded, asarUnpacked: ['out/main/**'] }, new DebugLogger(false))).rejects.toThrow(/asarUnpacked/);
  });

  it('takes every file of the npm package, and no source', () => {
    const listed = JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--ignore-scripts', '--json'], { cwd: REPO, encoding: 'utf8', shell: process.platform === 'win32' })) as { files: { path: string }[] }[];
    const files = listed[0].files.map((file) => file.path).filter((file) => file !== 'README.md'); // npm adds the README to any package
    for (const needed of ['bin/sweeplab.mjs', 'out/main/cli.js', 'out/main/train.js', 'out/main/analysis.js', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/cifar-10-sha256sums.txt']) {
      expect(files, `the npm package lacks ${needed} (run npm run build)`).toContain(needed);
    }
    expect(files.filter((file) => !taken(file))).toEqual([]);
    expect(taken('src/main/index.ts')).toBe(false);
    expect(taken('out/main/cli.js.map')).toBe(false);
  });

  it('unpacks the workers and the native module from the asar', () => {
    expect(config.asarUnpack).toContain('out/main/**');
    expect(config.asarUnpack.some((pattern) => minimatch('node_modules/@libsql/linux-x64-gnu/index.node', pattern, { dot: true }))).toBe(true);
  });

  it('names icons and install scripts that exist', () => {
    const png = readFileSync(path.join(REPO, config.linux.icon));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(readFileSync(path.join(REPO, config.mac.icon)).toString('ascii', 0, 4)).toBe('icns');
    expect([...readFileSync(path.join(REPO, config.win.icon)).subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(readFileSync(path.join(REPO, config.deb.afterInstall), 'utf8')).toContain('/usr/bin/sweeplab');
    expect(existsSync(path.join(REPO, config.deb.afterRemove))).toBe(true);
    for (const name of config.extraResources[0].filter) expect(existsSync(path.join(REPO, config.extraResources[0].from, name)), name).toBe(true);
    if (process.platform !== 'win32') expect(statSync(path.join(REPO, 'packaging/sweeplab')).mode & 0o111).not.toBe(0);
  });
});

const electronDist = path.join(REPO, 'node_modules/electron/dist');
const WHY = `no Electron binary (${path.relative(REPO, electronDist)} is missing: Electron's download is not reachable from this machine)`;
if (!existsSync(electronDist)) console.log(`desktop-package.test.ts: the unpacked-app build is skipped: ${WHY}`);

describe.skipIf(!existsSync(electronDist) || process.platform !== 'linux')('an unpacked Linux app', () => {
  it('is built by `npm run dist -- --dir`, and its sweeplab command runs', () => {
    const output = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-dist-'));
    try {
      execFileSync(npm, ['run', 'dist', '--', '--dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`], { cwd: REPO, stdio: 'inherit' });
      const app = path.join(output, 'linux-unpacked');
      expect(existsSync(path.join(app, 'resources/app.asar.unpacked/out/main/train.js'))).toBe(true);
      const version = execFileSync(path.join(app, 'resources/sweeplab'), ['--version'], { encoding: 'utf8' });
      expect(version.trim()).toBe((JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    } finally {
      rmSync(output, { recursive: true, force: true });
    }
  }, 900_000);
});
