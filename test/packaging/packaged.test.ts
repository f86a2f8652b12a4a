// The layout a user gets: `npm pack`, that tarball installed with --omit=dev into an empty
// project (no sources, no tsx, no TypeScript, no Electron), and from there the installed
// `sweeplab`: --version, presets, a short train on the committed slice, a 2-worker sweep, a
// resume of queued runs, and serve with the page loading in Chromium without a console error.
// Needs the npm registry or npm's cache for the runtime dependencies; takes a few minutes.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from '@playwright/test';
import { ensureBrowser } from '../e2e/browser.ts';
import { ensureBuilt, REPO } from '../helpers/ensure-build.ts';
import { FIXTURE_DATA_DIR } from '../helpers/fixture-data.ts';
import { sweepFile } from '../helpers/sweep-cli.ts';
import type { CliResult } from '../helpers/run-cli.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const version = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version;

let work: string;
let project: string;
let home: string;

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(path.join(os.tmpdir(), 'sweeplab-packaged-'));
  // The build is current (above), so the tarball is packed without prepack building it again.
  const packed = JSON.parse(execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: REPO, encoding: 'utf8', shell: process.platform === 'win32' })) as { filename: string }[];
  project = path.join(work, 'project');
  home = path.join(work, 'home');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), '{ "name": "sweeplab-user", "private": true }\n');
  execFileSync(npm, ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed[0].filename)], { cwd: project, stdio: 'pipe', shell: process.platform === 'win32' });
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000); // a whole node_modules

const installed = () => path.join(project, 'node_modules', 'sweeplab');

function sweeplab(args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, SWEEPLAB_HOME: home };
  delete env.SWEEPLAB_DATA;
  const child = spawn(process.execPath, [path.join(installed(), 'bin', 'sweeplab.mjs'), ...args], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the installed package', () => {
  it('holds the build and resources, and none of the sources, tsx or Electron', () => {
    for (const file of ['bin/sweeplab.mjs', 'out/main/cli.js', 'out/main/train.js', 'out/main/analysis.js', 'out/renderer/index.html', 'resources/cifar-10-sha256sums.txt', 'resources/favicon.ico']) {
      expect(existsSync(path.join(installed(), file)), file).toBe(true);
    }
    expect(existsSync(path.join(installed(), 'src'))).toBe(false);
    for (const dev of ['tsx', 'typescript', 'electron', 'vue', 'naive-ui']) expect(existsSync(path.join(project, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(path.join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'sweeplab.cmd' : 'sweeplab'))).toBe(true);
  });

  it('prints its version and the presets', async () => {
    const shown = await sweeplab(['--version']);
    expect(shown.stdout.trim()).toBe(version);
    const presets = await sweeplab(['presets']);
    expect(presets.code, presets.stderr).toBe(0);
    expect(presets.stdout).toContain('ex3-bn-3layer');
  });

  it('trains on the committed slice', async () => {
    const config = path.join(work, 'tiny.yaml');
    writeFileSync(config, 'network: { hidden: [10], batchNorm: true }\nlambda: 0.01\nschedule: { stepSize: 5, cycles: 1 }\nbatchSize: 20\nsplit: a2\n');
    const { code, stdout, stderr } = await sweeplab(['train', '--config', config, '--data', FIXTURE_DATA_DIR, '--json']);
    expect(code, stderr).toBe(0);
    expect((JSON.parse(stdout) as { status: string }).status).toBe('completed');
  });

  it('sweeps on 2 workers, then resumes queued runs', async () => {
    const sweep = await sweeplab(['sweep', sweepFile(10, 'packaged'), '--workers', '2', '--data', FIXTURE_DATA_DIR]);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(sweep.stdout).toContain('Sweep #1: 3 completed');
    // refine without --run only queues the child sweep; resume runs it on the built workers.
    const refine = await sweeplab(['refine', '1', '--top', '2', '--count', '2']);
    expect(refine.code, refine.stderr).toBe(0);
    const resume = await sweeplab(['resume', '--workers', '2']);
    expect(resume.code, resume.stderr).toBe(0);
    const runs = await sweeplab(['runs', '--json']);
    const statuses = (JSON.parse(runs.stdout) as { runs: { status: string }[] }).runs.map((run) => run.status);
    expect(statuses).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
  });

  it('serves the app: the page loads in Chromium with the runs and no console error', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SWEEPLAB_HOME: home };
    const child = spawn(process.execPath, [path.join(installed(), 'bin', 'sweeplab.mjs'), 'serve', '--data', FIXTURE_DATA_DIR, '--workers', '1'], { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    const browser = await chromium.launch({ executablePath: ensureBrowser(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const match = /serving at (\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
      page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
      page.on('response', (response) => { if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`); });
      await page.goto(url);
      await page.getByTestId('run-link-5').waitFor({ timeout: 60_000 });
      // The browser asks for the icon on its own after the load; give it the time to.
      await page.waitForLoadState('networkidle');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
  });

  // Last: it breaks the installation on purpose.
  it("says in one line when libsql's native module is missing, and how to fix it", async () => {
    rmSync(path.join(project, 'node_modules', '@libsql'), { recursive: true, force: true });
    const { code, stdout, stderr } = await sweeplab(['runs']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^sweeplab: the run store's native module \(libsql\) does not load on .*; reinstall Sweeplab on this machine/)]);
  });
});
